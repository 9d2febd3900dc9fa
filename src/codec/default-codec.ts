/**
 * Shorthands bound to `fanotifyCodec`, the codec for every record type Linux emits.
 *
 * @packageDocumentation
 */
import type { KernelRecordSchema } from '../../spec/records.js';
import { fanotifyCodec, type EventBatch } from './codec.js';
import type { CursorOptions, EventCursor } from './cursor.js';
import type { DecodeOptions } from './decode.js';
import type { EncodeOptions } from './encode.js';
import type { EventInput, EventValue } from './types.js';
import type { EventVisitor, EventWalker } from './walker.js';

/**
 * Iterates the events of `bytes` (a `read()` result or a capture) as zero-copy views.
 *
 * @example
 * ```ts
 * for (const ev of decodeEvents(bytes)) {
 *   for (const r of ev.records()) if (r.type === 'dfid_name') console.log(nameToString(r.name));
 * }
 * ```
 * @public
 */
export function decodeEvents(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options?: DecodeOptions): EventBatch<KernelRecordSchema> {
  return fanotifyCodec.decodeEvents(bytes, options);
}

/**
 * A pull cursor over the events of `bytes` for the kernel's record types: the validating,
 * allocation-free read path (see {@link EventCursor}).
 *
 * @example
 * ```ts
 * const c = eventCursor(bytes);
 * while (c.nextEvent()) for (let r = c.nextRecord(); r; r = c.nextRecord()) if (r.type === 'fid') use(r.handle_type);
 * ```
 * @public
 */
export function eventCursor(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options?: CursorOptions): EventCursor<KernelRecordSchema> {
  return fanotifyCodec.cursor(bytes, options);
}

/**
 * A walker for the kernel's record types that calls `visitor` for every event and record of the
 * buffers it walks, validating as the cursor does (see {@link FanotifyCodec.walker}).
 *
 * @example
 * ```ts
 * const walker = eventWalker({
 *   dfid_name(r, ev) { if (ev.hasMask(FAN_CREATE)) created(ev.pid, r.text('name')); },
 *   mnt(r) { mounts.add(r.mnt_id); },
 * });
 * for (;;) walker.walk(readBatch());
 * ```
 * @public
 */
export function eventWalker(visitor: EventVisitor<KernelRecordSchema>, options?: CursorOptions): EventWalker {
  return fanotifyCodec.walker(visitor, options);
}

/** Decodes every event of `bytes` into plain objects. @public */
export function decodeEventObjects(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options?: DecodeOptions): EventValue<KernelRecordSchema>[] {
  return fanotifyCodec.decodeEventObjects(bytes, options);
}

/** Strictly validates `bytes`; returns the number of events or throws a `FanotifyDecodeError`. @public */
export function validateEvents(bytes: Uint8Array | ArrayBufferView | ArrayBuffer, options?: Pick<DecodeOptions, 'byteOrder' | 'baseOffset' | 'firstIndex'>): number {
  return fanotifyCodec.validateEvents(bytes, options);
}

/**
 * Encodes events to the exact bytes the kernel writes.
 *
 * @example
 * ```ts
 * const bytes = encodeEvents([{ mask: FAN_CREATE | FAN_ONDIR, fd: FAN_NOFD, pid: 42,
 *   info: [{ type: 'dfid_name', fsid: [1, 2], handle_type: 1, f_handle: handle, name: 'sub' }] }]);
 * ```
 * @public
 */
export function encodeEvents(events: readonly EventInput<KernelRecordSchema>[], options?: EncodeOptions): Uint8Array {
  return fanotifyCodec.encodeEvents(events, options);
}

/** Number of bytes {@link encodeEvents} would write. @public */
export function encodedLength(events: readonly EventInput<KernelRecordSchema>[]): number {
  return fanotifyCodec.encodedLength(events);
}
