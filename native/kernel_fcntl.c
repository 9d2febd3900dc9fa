/*
 * Values that only the kernel uapi headers state correctly.
 *
 * glibc defines O_LARGEFILE as 0 on 64-bit targets because it is implied
 * there, yet the kernel still sets its own O_LARGEFILE bit in the file flags
 * it reports (fcntl F_GETFL, /proc/<pid>/fdinfo, fanotify event_f_flags).
 * <asm/fcntl.h> clashes with glibc's <fcntl.h>, hence this separate file.
 */
#include <asm/fcntl.h>

int fc_kernel_o_largefile(void);

int fc_kernel_o_largefile(void) { return O_LARGEFILE; }
