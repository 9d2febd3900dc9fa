/**
 * Result of `name_to_handle_at(2)`, as returned by
 * `NativeBinding.nameToHandleAt`.
 *
 * @internal
 */
export interface NativeFileHandle {
  /** `file_handle.handle_type`, e.g. `1` (FILEID_INO32_GEN) on ext4/tmpfs. */
  readonly handleType: number;
  /**
   * A fresh copy of `file_handle.f_handle`, exactly `handle_bytes` long. Its
   * bytes equal the handle in fanotify FID records for the same object.
   */
  readonly handle: Uint8Array;
  /**
   * The mount id: a `number` (the legacy id, as in `/proc/self/mountinfo`),
   * or a `bigint` when the call passed `AT_HANDLE_MNT_ID_UNIQUE`.
   */
  readonly mountId: number | bigint;
}
