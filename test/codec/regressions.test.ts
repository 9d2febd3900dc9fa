/**
 * Named regression tests: counterexamples the property and coverage tests found, kept as plain
 * examples so they run on every seed.
 */
import { expect, it } from 'vitest';
import { decodeEvents, encodeEvents, FanotifyDecodeError, FanotifyEncodeError, validateEvents } from '../../src/index.js';

it('flyweight: ev.toJSON() inside a records() loop does not re-point the current record view (lazy-views property)', () => {
  // Two records of the same type: in reuse mode they share one recycled view. toJSON() used to
  // walk the records with those same recycled views, leaving the loop's view on the last DFID.
  const bytes = Uint8Array.from([
    72, 0, 0, 0, 3, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 3, 0, 28, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 3, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  ]);
  const lens: number[] = [];
  for (const ev of decodeEvents(bytes, { byteOrder: 'little', reuseViews: true })) {
    for (const r of ev.records()) {
      ev.toJSON();
      ev.toObject();
      lens.push(r.len);
    }
  }
  expect(lens).toEqual([28, 20]);
});

it('a *_NAME record with an empty name is BAD_RECORD, and the encoder refuses to write one (decode-errors coverage)', () => {
  const bytes = encodeEvents([{ mask: 0x100n, fd: -1, pid: 1, info: [{ type: 'dfid_name', fsid: [1, 2], handle_type: 1, f_handle: new Uint8Array(8), name: 'x' }] }], {
    byteOrder: 'little',
  });
  bytes[24 + 28] = 0; // "x\0" + 2 pad becomes "\0" + 3 zero bytes
  expect(() => validateEvents(bytes, { byteOrder: 'little' })).toThrow(FanotifyDecodeError);
  expect(() => validateEvents(bytes, { byteOrder: 'little' })).toThrow(/DECODE_BAD_RECORD at byte 52 \(event\[0\]\.info\[0\]\.name\)/);
  expect(() => encodeEvents([{ mask: 0x100n, fd: -1, pid: 1, info: [{ type: 'dfid_name', fsid: [1, 2], handle_type: 1, f_handle: new Uint8Array(8), name: '' }] }])).toThrow(
    FanotifyEncodeError,
  );
});

it('a dirty struct hole is reported at path ….padding, like trailing padding (decode-errors coverage)', () => {
  const bytes = encodeEvents([{ mask: 0x0100_0000n, fd: -1, pid: 1, info: [{ type: 'mnt', mnt_id: 1n }] }], { byteOrder: 'little' });
  bytes[29] = 1;
  expect(() => validateEvents(bytes, { byteOrder: 'little' })).toThrow(/DECODE_NONZERO_PADDING at byte 29 \(event\[0\]\.info\[0\]\.padding\)/);
});
