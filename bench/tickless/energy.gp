# Chart of the tickless energy estimate (bench/tickless/energy.py writes the data).
# usage: gnuplot -e "data='energy.dat'; out='power-energy.svg'" energy.gp
set terminal svg size 760,460 dynamic font "sans,12" background rgb "white"
set output out
set title "Estimated average current: timers of 1 s, 7 s, 13 s and a blocked task, 60 s\n(model of bench/tickless/energy.py; battery life on a 225 mAh CR2032)"
set ylabel "average current (uA, log scale)"
set logscale y
set yrange [1:10000]
set xrange [-0.6:3.6]
set grid ytics
set style fill solid 0.85 border -1
set boxwidth 0.6
set xtics nomirror
unset key
# Ticked bars orange, tickless blue.
plot data using 0:3:($0 < 2 ? 0xd9822b : 0x4a7ebb):xtic(1) with boxes lc rgb variable, \
     data using 0:($3 * 3.5):(sprintf("%.1f uA\n%d wake-ups\n%.0f days", $3, $2, $4)) \
          with labels font "sans,10"
