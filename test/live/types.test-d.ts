// The record types of a group's events follow its options: no fid records without fid flags,
// 'pidfd' with pidfd, 'mnt' with mnt, 'range' for pre-content groups; 'unknown' always.
import { expectTypeOf, test } from 'vitest';
import type { FanotifyGroup, LiveBatch, LiveEvent, RecordTypeFor } from '../../src/entries/live.js';
import { captureGroup, modelGroup, openGroup } from '../../src/entries/live.js';
import { KernelModel } from '../../src/model/index.js';

type TypesOf<G> = G extends FanotifyGroup<infer R> ? ReturnType<LiveEvent<R>['records']> extends IterableIterator<infer V> ? V extends { type: infer T } ? T : never : never : never;

test('record unions derived from options', () => {
  expectTypeOf<RecordTypeFor<{}>>().toEqualTypeOf<never>();
  expectTypeOf<RecordTypeFor<{ pidfd: true }>>().toEqualTypeOf<'pidfd'>();
  expectTypeOf<RecordTypeFor<{ mnt: true; pidfd: true }>>().toEqualTypeOf<'mnt' | 'pidfd'>();
  expectTypeOf<RecordTypeFor<{ class: 'pre-content' }>>().toEqualTypeOf<'range'>();
  expectTypeOf<RecordTypeFor<{ class: 'content' }>>().toEqualTypeOf<never>();
  expectTypeOf<RecordTypeFor<{ dirFid: true; name: true }>>().toEqualTypeOf<'fid' | 'dfid' | 'dfid_name' | 'old_dfid_name' | 'new_dfid_name'>();
  expectTypeOf<RecordTypeFor<{ fid: true }>>().toEqualTypeOf<'fid' | 'dfid' | 'dfid_name' | 'old_dfid_name' | 'new_dfid_name' | 'error'>();
  expectTypeOf<RecordTypeFor<{ fid: false }>>().toEqualTypeOf<never>();
  // A boolean that may be true keeps the records it may bring; raw flags bring everything.
  expectTypeOf<RecordTypeFor<{ pidfd: boolean }>>().toEqualTypeOf<'pidfd'>();
  expectTypeOf<RecordTypeFor<{ rawInitFlags: number }>>().toEqualTypeOf<'fid' | 'dfid_name' | 'dfid' | 'pidfd' | 'error' | 'range' | 'mnt' | 'old_dfid_name' | 'new_dfid_name'>();
  // An adopted group's flags are known only at run time.
  expectTypeOf<RecordTypeFor<{ fd: number }>>().toEqualTypeOf<'fid' | 'dfid_name' | 'dfid' | 'pidfd' | 'error' | 'range' | 'mnt' | 'old_dfid_name' | 'new_dfid_name'>();
});

test('openGroup infers the event type from its options', () => {
  const fdGroup = () => openGroup({});
  expectTypeOf<TypesOf<ReturnType<typeof fdGroup>>>().toEqualTypeOf<'unknown'>();
  const pidfdGroup = () => openGroup({ pidfd: true, class: 'pre-content' });
  expectTypeOf<TypesOf<ReturnType<typeof pidfdGroup>>>().toEqualTypeOf<'pidfd' | 'range' | 'unknown'>();
  const mntGroup = () => openGroup({ mnt: true });
  expectTypeOf<TypesOf<ReturnType<typeof mntGroup>>>().toEqualTypeOf<'mnt' | 'unknown'>();
  const nameGroup = () => openGroup({ dirFid: true, name: true });
  expectTypeOf<TypesOf<ReturnType<typeof nameGroup>>>().toEqualTypeOf<'fid' | 'dfid' | 'dfid_name' | 'old_dfid_name' | 'new_dfid_name' | 'unknown'>();
});

test('narrowing a record by type gives its fields', () => {
  const use = (event: LiveEvent<Extract<import('../../spec/records.js').KernelRecordSchema, { type: 'range' | 'pidfd' }>>) => {
    for (const r of event.records()) {
      if (r.type === 'range') expectTypeOf(r.offset).toEqualTypeOf<bigint>();
      if (r.type === 'pidfd') expectTypeOf(r.pidfd).toEqualTypeOf<number>();
      // @ts-expect-error an fd-less group's events have no fid records
      if (r.type === 'fid') void r;
    }
  };
  expectTypeOf(use).toBeFunction();
});

test('model and capture groups are typed like live groups', () => {
  const modelNames = () => modelGroup(new KernelModel(), { dirFid: true, name: true });
  expectTypeOf<TypesOf<ReturnType<typeof modelNames>>>().toEqualTypeOf<'fid' | 'dfid' | 'dfid_name' | 'old_dfid_name' | 'new_dfid_name' | 'unknown'>();
  const modelContent = () => modelGroup(new KernelModel(), { class: 'content' });
  expectTypeOf<TypesOf<ReturnType<typeof modelContent>>>().toEqualTypeOf<'unknown'>();
  // A capture's flags are known only at run time (its sidecar), as for an adopted group.
  const replay = () => captureGroup('capture.json');
  expectTypeOf<TypesOf<ReturnType<typeof replay>>>().toEqualTypeOf<TypesOf<ReturnType<typeof adopted>>>();
  const adopted = () => openGroup({ fd: 3 });
});

test('a batch yields events typed like the group\'s; the public live types expose no internals', () => {
  const nameGroup = () => openGroup({ dirFid: true, name: true });
  type G = ReturnType<typeof nameGroup>;
  type BatchEvent = G extends FanotifyGroup<infer R> ? (LiveBatch<R> extends Iterable<infer E> ? E : never) : never;
  type BatchTypes = ReturnType<BatchEvent['records']> extends IterableIterator<infer V> ? (V extends { type: infer T } ? T : never) : never;
  expectTypeOf<BatchTypes>().toEqualTypeOf<TypesOf<G>>();
  expectTypeOf<Parameters<G['consumeBatches']>[0]>().parameter(0).toEqualTypeOf<LiveBatch<G extends FanotifyGroup<infer R> ? R : never>>();
  // Interfaces over private implementations: no underscore members, no constructor.
  expectTypeOf<Extract<keyof FanotifyGroup, `_${string}`>>().toEqualTypeOf<never>();
  expectTypeOf<Extract<keyof LiveEvent, `_${string}`>>().toEqualTypeOf<never>();
});
