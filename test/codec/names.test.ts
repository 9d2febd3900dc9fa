/**
 * Names are bytes: non-UTF-8 names survive decode → encode byte-exactly, the JSON form carries a
 * display `name` plus the exact `name_hex` when the bytes are not UTF-8, and the escaped form
 * inverts exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEventObjects, decodeEvents, encodeEvents, escapeName, nameToString } from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { isUtf8, unescapeName } from '../../src/entries/golden.js';
import { hexBytes } from '../helpers/bytes.js';

const NAMES: [string, Uint8Array][] = [
  ['0xff 0xfe', Uint8Array.of(0xff, 0xfe)],
  ['lone continuation byte', Uint8Array.of(0x80)],
  ['continuation inside ASCII', Uint8Array.of(0x61, 0x80, 0x62)],
  ['overlong "/" (c0 af)', Uint8Array.of(0xc0, 0xaf)],
  ['overlong 3-byte (e0 80 af)', Uint8Array.of(0xe0, 0x80, 0xaf)],
  ['UTF-16 surrogate (ed a0 80)', Uint8Array.of(0xed, 0xa0, 0x80)],
  ['above U+10FFFF (f4 90 80 80)', Uint8Array.of(0xf4, 0x90, 0x80, 0x80)],
  ['truncated sequence (e2 82)', Uint8Array.of(0xe2, 0x82)],
  ['latin-1 "café"', Uint8Array.of(0x63, 0x61, 0x66, 0xe9)],
  ['newline', new TextEncoder().encode('a\nb')],
  ['backslash', new TextEncoder().encode('a\\b')],
  ['literal \\x41', new TextEncoder().encode('\\x41')],
  ['tab and DEL', Uint8Array.of(0x09, 0x7f)],
  ['UTF-8 "é"', new TextEncoder().encode('é')],
  ['UTF-8 emoji', new TextEncoder().encode('🦀.txt')],
  ['255 bytes of 0xff', new Uint8Array(255).fill(0xff)],
];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function decodesAsUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe.each(NAMES)('name %s', (_, name) => {
  const event = { mask: 0x100n, fd: -1, pid: 1, info: [{ type: 'dfid_name' as const, fsid: [1, 2] as const, handle_type: 1, f_handle: hexBytes('0102030405060708'), name }] };
  const bytes = encodeEvents([event], { byteOrder: 'little' });

  it('is written verbatim with its NUL and survives decode → encode', () => {
    expect(bytes.subarray(24 + 28, 24 + 28 + name.length + 1)).toEqual(Uint8Array.from([...name, 0]));
    const [ev] = decodeEventObjects(bytes, { byteOrder: 'little' });
    const record = ev!.info[0]!;
    expect(record.type === 'dfid_name' && record.name).toEqual(name);
    expect(encodeEvents(decodeEventObjects(bytes, { byteOrder: 'little' }), { byteOrder: 'little' })).toEqual(bytes);
  });

  it('appears in JSON as a display name, plus name_hex exactly when it is not UTF-8', () => {
    const [view] = [...decodeEvents(bytes, { byteOrder: 'little' })];
    const json = JSON.parse(JSON.stringify(view)) as { info: Record<string, unknown>[] };
    const record = json.info[0]!;
    expect(record['name']).toBe(new TextDecoder().decode(name));
    if (decodesAsUtf8(name)) expect(record).not.toHaveProperty('name_hex');
    else expect(record['name_hex']).toBe(Array.from(name, (b) => b.toString(16).padStart(2, '0')).join(''));
    // And the JSON form goes back to the same bytes.
    expect(encodeEvents([fanotifyCodec.eventFromJSON(json)], { byteOrder: 'little' })).toEqual(bytes);
  });

  it('escapes losslessly', () => {
    expect(unescapeName(escapeName(name))).toEqual(name);
  });
});

describe('escapeName', () => {
  it('renders the documented forms', () => {
    expect(escapeName(Uint8Array.of(0x63, 0xe9))).toBe('c\\xe9');
    expect(escapeName(new TextEncoder().encode('a\\b'))).toBe('a\\\\b');
    expect(escapeName(new TextEncoder().encode('a\nb'))).toBe('a\\x0ab');
    expect(escapeName(Uint8Array.of(0x7f))).toBe('\\x7f');
    expect(escapeName(new TextEncoder().encode('é🦀'))).toBe('é🦀');
    expect(escapeName(Uint8Array.of(0xc0, 0xaf))).toBe('\\xc0\\xaf');
  });

  it('unescapeName inverts it exactly for any bytes (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 60 }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        const text = escapeName(bytes);
        expect(unescapeName(text)).toEqual(bytes);
        // Escaped text is printable: no control characters and no lone surrogates.
        expect(/[\u0000-\u001f\u007f]/.test(text)).toBe(false);
        expect(LONE_SURROGATE.test(text)).toBe(false);
      }),
    );
  });

  it('unescapeName refuses text no escapeName output matches', () => {
    for (const text of ['\\', 'a\\', '\\q', '\\x4', '\\xzz']) expect(unescapeName(text)).toBeUndefined();
  });
});

describe('isUtf8 and nameToString', () => {
  it('isUtf8 agrees with a fatal TextDecoder (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 40 }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        expect(isUtf8(bytes)).toBe(decodesAsUtf8(bytes));
      }),
    );
  });

  it('nameToString never throws and replaces invalid bytes with U+FFFD', () => {
    expect(nameToString(Uint8Array.of(0x61, 0xff, 0x62))).toBe('a\ufffdb');
  });
});
