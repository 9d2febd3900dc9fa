/**
 * Byte-exact captures from a live Linux 6.18.44 kernel (x86_64, little-endian), as documented in
 * /work/shared/reference/kernel-fanotify.md §7 (hex vectors 1–3) and peer-libraries.md §4
 * (captures A and B). Shared so other suites (CLI, stream decoder) can use the same bytes.
 */
import { hexBytes } from './bytes.js';

/** Vector 1: FAN_REPORT_DFID_NAME_TARGET, inode mark on `d`, `mkdir d/sub` (tmpfs). 92 bytes. */
export const VECTOR_1_MKDIR = hexBytes(`
5c 00 00 00 03 00 18 00 00 01 00 40 00 00 00 00   | event_len=92 vers=3 reserved=0 metadata_len=24 mask=0x40000100
ff ff ff ff 18 34 00 00 02 00 24 00 0d 93 9e e3   | fd=-1 pid=0x3418 | hdr{type=2,pad=0,len=36} fsid.val[0]
ed e4 4f 83 0c 00 00 00 01 00 00 00 69 c2 0c 86   | fsid.val[1] | handle_bytes=12 handle_type=1 | f_handle...
3e 40 00 00 00 00 00 00 73 75 62 00 01 00 20 00   | ... "sub\\0" | hdr{type=1,len=32}
0d 93 9e e3 ed e4 4f 83 0c 00 00 00 01 00 00 00   | fsid | handle_bytes=12 handle_type=1
46 77 2f b4 40 40 00 00 00 00 00 00               | f_handle (sub)
`);

/** Vector 2: same group, `rename d/file → d/renamed`. 136 bytes. */
export const VECTOR_2_RENAME = hexBytes(`
88 00 00 00 03 00 18 00 00 00 00 10 00 00 00 00   | event_len=136 mask=0x10000000 (FAN_RENAME)
ff ff ff ff 18 34 00 00 0a 00 28 00 0d 93 9e e3   | fd=-1 | hdr{type=10 OLD_DFID_NAME,len=40}
ed e4 4f 83 0c 00 00 00 01 00 00 00 69 c2 0c 86
3e 40 00 00 00 00 00 00 66 69 6c 65 00 00 00 00   | "file\\0" + 3 zero pad
0c 00 28 00 0d 93 9e e3 ed e4 4f 83 0c 00 00 00   | hdr{type=12 NEW_DFID_NAME,len=40}
01 00 00 00 69 c2 0c 86 3e 40 00 00 00 00 00 00
72 65 6e 61 6d 65 64 00 01 00 20 00 0d 93 9e e3   | "renamed\\0" | hdr{type=1 FID,len=32}
ed e4 4f 83 0c 00 00 00 01 00 00 00 12 e0 19 7f
3f 40 00 00 00 00 00 00
`);

/** Vector 3: FAN_REPORT_FID|FAN_REPORT_PIDFD, open dir `d` (mark OPEN|ONDIR). 64 bytes. */
export const VECTOR_3_OPEN_DIR_PIDFD = hexBytes(`
40 00 00 00 03 00 18 00 20 00 00 40 00 00 00 00   | event_len=64 mask=0x40000020 (OPEN|ONDIR)
ff ff ff ff 18 34 00 00 01 00 20 00 0d 93 9e e3   | fd=-1 | hdr{FID,len 32}
ed e4 4f 83 0c 00 00 00 01 00 00 00 69 c2 0c 86
3e 40 00 00 00 00 00 00 04 00 08 00 04 00 00 00   | hdr{PIDFD,len 8} pidfd=4
`);

const CAPTURE_A_DFID_NAME = '02 00 2400 f835a8e09fafb852 08000000 01000000 48c020005e32e503 612e747874 00 0000';

/**
 * Capture A: ext4, init FID|DIR_FID|NAME, mark CREATE|MODIFY|ON_CHILD, `writeFileSync(dir/a.txt)`:
 * one read() of 148 bytes, two events, the second at offset 60 (4- but not 8-aligned).
 */
export const CAPTURE_A_CREATE_MODIFY = hexBytes(`
3c000000 03 00 1800 0001000000000000 ffffffff 122c0000   | ev1: len 60, CREATE, fd -1, pid 11282
${CAPTURE_A_DFID_NAME}                                   | DFID_NAME len 36, fh 8B type 1, "a.txt\\0" + 2 pad
58000000 03 00 1800 0200000000000000 ffffffff 122c0000   | ev2: len 88, MODIFY
${CAPTURE_A_DFID_NAME}
01 00 1c00 f835a8e09fafb852 08000000 01000000 49c02000250b9343   | FID len 28 (child)
`);

/**
 * Capture B: ext4, init PIDFD|FID|DIR_FID|NAME|TARGET_FID, mark FAN_RENAME|…, `rename(a → b)`:
 * one 124-byte event with OLD_DFID_NAME "a", NEW_DFID_NAME "b", FID, PIDFD 19.
 */
export const CAPTURE_B_RENAME_PIDFD = hexBytes(`
7c000000030018000000001000000000ffffffff67310000
0a002000f835a8e09fafb85208000000010000005ee020007479eab161000000
0c002000f835a8e09fafb85208000000010000005ee020007479eab162000000
01001c00f835a8e09fafb85208000000010000005fe02000375c662b
0400080013000000
`);
