/**
 * The kernel's record and event lengths, written out independently of the codec (from
 * fanotify_user.c as quoted in kernel-fanotify.md §3.1–3.2) so tests can check the codec's
 * computed lengths against them.
 */

/** FANOTIFY_EVENT_ALIGN. */
export const FANOTIFY_EVENT_ALIGN = 4;
/** FAN_EVENT_METADATA_LEN. */
export const FAN_EVENT_METADATA_LEN = 24;
/** FANOTIFY_FID_INFO_HDR_LEN: sizeof(fanotify_event_info_fid) + sizeof(file_handle). */
export const FANOTIFY_FID_INFO_HDR_LEN = 20;

/** `len` of the fixed-size kernel records (FANOTIFY_*_INFO_LEN). */
export const FIXED_RECORD_LEN = { pidfd: 8, error: 12, range: 24, mnt: 16 } as const;

/** Round `value` up to a multiple of `align`. */
export function roundup(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}

/**
 * `fanotify_fid_info_len(fh_len, name_len)`: the NUL is counted only when there is a name.
 */
export function fidInfoLen(handleBytes: number, nameLen: number): number {
  return roundup(FANOTIFY_FID_INFO_HDR_LEN + handleBytes + (nameLen ? nameLen + 1 : 0), FANOTIFY_EVENT_ALIGN);
}
