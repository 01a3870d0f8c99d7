#ifndef _TOS_VERSION_H_
#define _TOS_VERSION_H_

/* The API level Tern is source-compatible with (contract §2.2). */
#define TOS_VERSION_MAJOR 0x02
#define TOS_VERSION_MINOR 0x04
#define TOS_VERSION_PATCH 0x03
#define TOS_VERSION       "2.4.3"

/* Tern's own release, independent of the API level above. */
#define TERN_VERSION_MAJOR 0
#define TERN_VERSION_MINOR 1
#define TERN_VERSION_PATCH 0
#define TERN_VERSION       "0.1.0"

#endif /* _TOS_VERSION_H_ */
