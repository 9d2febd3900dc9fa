/**
 * Which info records a group's events can carry, derived from its options at the type level:
 * an event of a group without fid flags has no fid records in its type, `{ pidfd: true }` adds
 * `'pidfd'`, `{ mnt: true }` gives `'mnt'`, a pre-content group gives `'range'`. Records of an
 * unknown type (`'unknown'`) are always possible.
 *
 * @packageDocumentation
 */
import type { KernelRecordSchema } from '../../spec/records.js';
import type { GroupOptions } from './options.js';

/**
 * `T` if option `K` of options type `O` may be `true` (literal `true` or a plain `boolean`),
 * else `never`.
 *
 * @public
 */
export type IfOptionEnabled<O, K extends keyof GroupOptions, T> = K extends keyof O ? (true extends O[K] ? T : never) : never;

/** The fid family: every record a FID/DIR_FID/NAME/TARGET_FID group can emit. @public */
export type FidRecordType = 'fid' | 'dfid' | 'dfid_name' | 'old_dfid_name' | 'new_dfid_name';

/**
 * The `type`s of the kernel records an event of a group opened with options `O` can carry.
 * FAN_FS_ERROR (an `'error'` record) needs FAN_REPORT_FID, so `'error'` comes with `fid`.
 *
 * @public
 */
export type RecordTypeFor<O extends GroupOptions> = 'fd' extends keyof O
  ? undefined extends O['fd']
    ? RecordTypeForFlags<O>
    : KernelRecordSchema['type']
  : RecordTypeForFlags<O>;

/**
 * {@link RecordTypeFor} of a group `openGroup` creates (not adopted with `fd`, whose flags are
 * known only at run time and whose events are typed with every record type).
 *
 * @public
 */
export type RecordTypeForFlags<O extends GroupOptions> = 'rawInitFlags' extends keyof O
  ? undefined extends O['rawInitFlags']
    ? KnownRecordTypeFor<O>
    : KernelRecordSchema['type']
  : KnownRecordTypeFor<O>;

/**
 * The record `type`s the named options of `O` imply (what {@link RecordTypeFor} gives when
 * `rawInitFlags` is not set).
 *
 * @public
 */
export type KnownRecordTypeFor<O extends GroupOptions> =
  | IfOptionEnabled<O, 'fid', FidRecordType | 'error'>
  | IfOptionEnabled<O, 'dirFid', FidRecordType>
  | IfOptionEnabled<O, 'name', FidRecordType>
  | IfOptionEnabled<O, 'targetFid', FidRecordType>
  | IfOptionEnabled<O, 'pidfd', 'pidfd'>
  | IfOptionEnabled<O, 'mnt', 'mnt'>
  | ('class' extends keyof O ? ('pre-content' extends O['class'] ? 'range' : never) : never);

/**
 * The record schemas of a group opened with options `O`: the codec's record union narrowed to
 * {@link RecordTypeFor}.
 *
 * @public
 */
export type RecordSchemaFor<O extends GroupOptions> = Extract<KernelRecordSchema, { readonly type: RecordTypeFor<O> }>;
