/**
 * The fid family: `struct fanotify_event_info_fid` (header + fsid), the `struct file_handle` that
 * follows it, and the NUL-terminated name of the *_NAME record types.
 */
import { array, bytes, cstring } from '../../src/schema/fields.js';
import { s32, u32 } from '../../src/schema/scalar.js';
import { struct } from '../../src/schema/struct.js';
import { fanotify_event_info_header } from './info-header.js';

/** `__kernel_fsid_t` (`int val[2]`), as `statfs().f_fsid`. @public */
export const __kernel_fsid_t = struct('__kernel_fsid_t', {
  val: array(s32(), 2, { doc: 'The two words of the filesystem id.' }),
});

/** `struct fanotify_event_info_fid` without its opaque tail (12 bytes). @public */
export const fanotify_event_info_fid = struct(
  'fanotify_event_info_fid',
  { ...fanotify_event_info_header.fields, fsid: array(s32(), 2, { doc: '__kernel_fsid_t of the filesystem (statfs f_fsid).' }) },
  { doc: 'Fixed part of FID, DFID and *_DFID_NAME records; a struct file_handle follows.' },
);

/** `struct file_handle` (8 bytes + `f_handle[handle_bytes]`), as `name_to_handle_at(2)` fills it. @public */
export const file_handle = struct(
  'file_handle',
  {
    handle_bytes: u32({ doc: 'Length of f_handle (MAX_HANDLE_SZ = 128 at most).' }),
    handle_type: s32({ doc: 'Filesystem-specific handle type; FILEID_INVALID (255) when handle_bytes is 0.' }),
    f_handle: bytes('handle_bytes', { doc: 'Opaque handle bytes, usable with open_by_handle_at(2).' }),
  },
  { doc: 'Opaque file handle embedded in fid records.' },
);

/** A fid record without a name: FID and DFID. @public */
export const fidRecordStruct = struct(
  'fanotify_event_info_fid+file_handle',
  { ...fanotify_event_info_fid.fields, ...file_handle.fields },
  { doc: 'FID/DFID record: header, fsid, file handle, zero padding to a multiple of 4.' },
);

/** A fid record with a name: DFID_NAME, OLD_DFID_NAME and NEW_DFID_NAME. @public */
export const fidNameRecordStruct = struct(
  'fanotify_event_info_fid+file_handle+name',
  { ...fanotify_event_info_fid.fields, ...file_handle.fields, name: cstring({ minLength: 1, doc: 'Entry name (bytes, NUL-terminated on the wire; "." for the directory itself; never empty).' }) },
  { doc: '*_DFID_NAME record: header, fsid, file handle, NUL-terminated name, zero padding to a multiple of 4.' },
);
