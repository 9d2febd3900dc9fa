/**
 * The zero-copy event view: metadata getters at fixed offsets, records as views into the same
 * bytes, plain-object and JSON forms on demand, and `copy()` to keep an event past its buffer.
 *
 * @packageDocumentation
 */
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import { compileStruct, type JsonObject } from '../schema/compile.js';
import type { StructViewBase } from '../schema/view-base.js';
import { maskNames } from './mask-names.js';
import type { RecordTable } from './record-table.js';
import { METADATA_LEN } from './validate-event.js';

/** The compiled metadata struct, shared by every codec. @internal */
export const compiledMetadata = compileStruct(fanotify_event_metadata);

type RecordViewInternal = StructViewBase & { toObject(): unknown; toJSON(): JsonObject };

/**
 * Iterates the records of one event. In reuse mode the same result object and one view per
 * record type are recycled, so iteration allocates nothing.
 *
 * @internal
 */
export class RecordIterator implements IterableIterator<StructViewBase> {
  private readonly result: { value: StructViewBase | undefined; done: boolean } = { value: undefined, done: false };
  private pos = 0;
  private end = 0;
  private event!: EventViewImpl;

  /** @internal */
  reset(event: EventViewImpl): this {
    this.event = event;
    this.pos = event._o + METADATA_LEN;
    this.end = event._end;
    this.result.done = false;
    return this;
  }

  next(): IteratorResult<StructViewBase> {
    const ev = this.event;
    const result = this.result;
    if (this.pos >= this.end) {
      result.value = undefined;
      result.done = true;
      return result as IteratorResult<StructViewBase>;
    }
    const pos = this.pos;
    const len = ev._dv.getUint16(pos + 2, ev._le);
    const entry = ev._table.entryFor(ev._u8[pos]!);
    const view = ev._reuse ? ev._recordView(entry.infoType < 0 ? 256 : entry.infoType, entry.View) : new entry.View();
    // The event was validated when it was bound, so this bind only fills in the tail offsets.
    entry.compiled.bind(view, ev._dv, ev._u8, pos, pos + len, ev._le);
    this.pos = pos + len;
    if (ev._reuse) {
      result.value = view;
      return result as IteratorResult<StructViewBase>;
    }
    return { value: view, done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

const MetadataView = compiledMetadata.View;

/**
 * Implementation of the event view (the public type is `EventView`).
 *
 * @internal
 */
export class EventViewImpl extends MetadataView {
  /** @internal */
  _table!: RecordTable;
  /** @internal Index of the event in its batch. */
  _index = 0;
  /** @internal Recycle record views and iterators (flyweight mode). */
  _reuse = false;
  /** @internal Recycled record iterator. */
  _iter: RecordIterator | undefined = undefined;
  /** @internal Recycled record views, by info_type (256 = unknown). */
  _recViews: (StructViewBase | undefined)[] | undefined = undefined;

  /** @internal */
  _recordView(slot: number, View: new () => StructViewBase): StructViewBase {
    const views = (this._recViews ??= []);
    return (views[slot] ??= new View());
  }

  /** Index of this event in the decoded batch (0-based). */
  get index(): number {
    return this._index;
  }

  /** Names of the bits in `mask` (`['FAN_CREATE', 'FAN_ONDIR']`). */
  get maskNames(): string[] {
    return maskNames((this as unknown as { mask: bigint }).mask);
  }

  /** The event's info records, as views into the same bytes. */
  records(): RecordIterator {
    if (this._reuse) return (this._iter ??= new RecordIterator()).reset(this);
    return new RecordIterator().reset(this);
  }

  /** Number of info records. */
  get recordCount(): number {
    let n = 0;
    for (let pos = this._o + METADATA_LEN; pos < this._end; pos += this._dv.getUint16(pos + 2, this._le)) n++;
    return n;
  }

  /** A plain object with every field and record, owning its bytes. */
  toObject(): unknown {
    const out = compiledMetadata.toObject(this) as Record<string, unknown>;
    const info: unknown[] = [];
    for (const r of new RecordIterator().reset(this)) info.push((r as RecordViewInternal).toObject());
    out['info'] = info;
    return out;
  }

  /** The JSON form: kernel field names, `mask` in hex with `mask_names`, records under `info`. */
  toJSON(): JsonObject {
    const m = compiledMetadata.toJSON(this, {});
    const info: JsonObject[] = [];
    for (const r of new RecordIterator().reset(this)) info.push((r as RecordViewInternal).toJSON());
    return {
      event_len: m['event_len']!,
      vers: m['vers']!,
      reserved: m['reserved']!,
      metadata_len: m['metadata_len']!,
      mask: m['mask']!,
      mask_names: this.maskNames,
      fd: m['fd']!,
      pid: m['pid']!,
      info,
    };
  }

  /** An independent view over a private copy of this event's bytes, valid after the buffer is reused. */
  copy(): EventViewImpl {
    const bytes = this._u8.slice(this._o, this._end);
    const view = new EventViewImpl();
    view._table = this._table;
    view._index = this._index;
    compiledMetadata.bind(view, new DataView(bytes.buffer), bytes, 0, bytes.length, this._le);
    return view;
  }
}
