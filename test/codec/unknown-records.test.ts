/**
 * Info types the codec does not know (a newer kernel's) decode as `type: 'unknown'` with their
 * bytes kept verbatim, and re-encode byte-exactly.
 */
import { describe, expect, it } from 'vitest';
import { decodeEventObjects, decodeEvents, encodeEvents, FanotifyEncodeError } from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { concatBytes, hexBytes } from '../helpers/bytes.js';
import { patched } from '../helpers/decode-assertions.js';
import { VECTOR_3_OPEN_DIR_PIDFD } from '../helpers/golden-captures.js';

/** Vector 3 with an extra record of `infoType` (pad 0x5a, 8 payload bytes) between FID and PIDFD. */
function withUnknownRecord(infoType: number): Uint8Array {
  const record = hexBytes(`${infoType.toString(16).padStart(2, '0')} 5a 0c 00 de ad be ef 01 02 03 04`);
  const bytes = concatBytes(VECTOR_3_OPEN_DIR_PIDFD.subarray(0, 56), record, VECTOR_3_OPEN_DIR_PIDFD.subarray(56));
  return patched(bytes, (dv) => dv.setUint32(0, bytes.length, true));
}

describe.each([99, 200, 0, 8, 11, 13, 255])('info_type %i', (infoType) => {
  const bytes = withUnknownRecord(infoType);

  it('decodes as unknown with its header and payload', () => {
    const [ev] = [...decodeEvents(bytes, { byteOrder: 'little' })];
    const records = [...ev!.records()];
    expect(records.map((r) => r.type)).toEqual(['fid', 'unknown', 'pidfd']);
    const unknown = records[1]!;
    if (unknown.type !== 'unknown') throw new Error('narrowing');
    expect(unknown.info_type).toBe(infoType);
    expect(unknown.pad).toBe(0x5a);
    expect(unknown.len).toBe(12);
    expect(unknown.data).toEqual(hexBytes('de ad be ef 01 02 03 04'));
    expect(unknown.bytes()).toEqual(bytes.subarray(56, 68));
    expect(unknown.infoTypeName).toBe(`unknown(${infoType})`);
    expect(unknown.toJSON()).toStrictEqual({ info_type: infoType, info_type_name: `unknown(${infoType})`, pad: 0x5a, len: 12, data: 'deadbeef01020304' });
  });

  it('re-encodes byte-exactly, from objects and from JSON', () => {
    expect(encodeEvents(decodeEventObjects(bytes, { byteOrder: 'little' }), { byteOrder: 'little' })).toEqual(bytes);
    const [ev] = [...decodeEvents(bytes, { byteOrder: 'little' })];
    const json = JSON.parse(JSON.stringify(ev)) as unknown;
    expect(encodeEvents([fanotifyCodec.eventFromJSON(json)], { byteOrder: 'little' })).toEqual(bytes);
  });
});

it('keeps unknown records of any length, including an empty payload and lengths that are not a multiple of 4', () => {
  for (const payload of [0, 1, 3, 5, 300]) {
    const data = Uint8Array.from({ length: payload }, (_, i) => (i * 7 + 1) & 0xff);
    const bytes = encodeEvents([{ mask: 1n, fd: 3, pid: 4, info: [{ type: 'unknown', info_type: 99, data }, { type: 'pidfd', pidfd: 5 }] }], { byteOrder: 'little' });
    expect(bytes.length).toBe(24 + 4 + payload + 8);
    const [ev] = decodeEventObjects(bytes, { byteOrder: 'little' });
    expect(ev!.info).toEqual([
      { type: 'unknown', info_type: 99, pad: 0, len: 4 + payload, data },
      { type: 'pidfd', info_type: 4, pad: 0, len: 8, pidfd: 5 },
    ]);
  }
});

it('refuses to encode a known info_type as an unknown record (it would decode as the known type)', () => {
  expect(() => encodeEvents([{ mask: 1n, fd: 3, pid: 4, info: [{ type: 'unknown', info_type: 4, data: new Uint8Array(4) }] }])).toThrow(FanotifyEncodeError);
});
