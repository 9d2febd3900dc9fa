/**
 * `export ksy`: the emitted `.ksy` text is compiled by the registry's kaitai-struct-compiler and
 * the kaitai-struct runtime decodes every corpus capture — in its own byte order and re-encoded
 * in the other — to the same field values as this package's decoder. User schemas (the RFC
 * records) export too; schemas Kaitai cannot name fail with typed errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportKsy, ksyDocument } from '../../src/export/ksy.js';
import { FanotifySchemaExportError } from '../../src/export/errors.js';
import { createCodec, decodeEventObjects, encodeEvents, type AnyRecordSchema } from '../../src/index.js';
import { cstring, fanotify_event_info_header, infoRecord, kernelRecords, struct, u32 } from '../../src/entries/schema.js';
import { fsdataRecord, locationRecord, rfcCodec, rfcErrorRecord } from '../helpers/rfc-fan-error-records.js';
import { fromCodec, fromKaitai } from './support/compare.js';
import { corpusCaptures, ROOT } from './support/corpus-files.js';
import type { ManifestEntry } from './vectors/build.js';
import { compileKsy, type KaitaiObject, type KaitaiParser } from './support/kaitai.js';

const captures = corpusCaptures();
/** The valid conformance vectors (the malformed ones are the C decoder's and the codec's business). */
const vectorStreams = (JSON.parse(fs.readFileSync(path.join(ROOT, 'corpus/vectors/manifest.json'), 'utf8')) as { vectors: ManifestEntry[] }).vectors.filter((v) => v.kind === 'valid');
let kernel: KaitaiParser;

beforeAll(async () => {
  kernel = await compileKsy(exportKsy());
});

function kaitaiEvents(parser: KaitaiParser, bytes: Uint8Array, littleEndian: boolean, records: readonly AnyRecordSchema[]): unknown[] {
  const root = parser.parse(bytes, [littleEndian]);
  return (root['events'] as KaitaiObject[]).map((event) => fromKaitai(event, records));
}

describe('the emitted text', () => {
  it('is YAML that reads back as the document', () => {
    expect(parse(exportKsy())).toEqual(ksyDocument());
  });

  it('describes every kernel record type in the info_type switch, from spec/', () => {
    const types = ksyDocument().types as Record<string, { seq: { id: string; type?: { cases?: Record<string, string> } }[] }>;
    const body = types['info_record']!.seq.find((a) => a.id === 'body')!;
    expect(Object.keys(body.type!.cases!).map(Number).sort((a, b) => a - b)).toEqual(kernelRecords.map((r) => r.infoType).sort((a, b) => a - b));
  });

  it('makes the mnt record’s implicit padding explicit and sizes handles by handle_bytes', () => {
    const types = ksyDocument().types as Record<string, { seq: Record<string, unknown>[] }>;
    expect(types['fanotify_event_info_mnt']!.seq.map((a) => [a['id'], a['size'] ?? a['type']])).toEqual([['hole_4', 4], ['mnt_id', 'u8'], ['padding', undefined]]);
    expect(types['fanotify_event_info_fid_file_handle_name']!.seq.find((a) => a['id'] === 'f_handle')).toMatchObject({ size: 'handle_bytes' });
    expect(types['fanotify_event_info_fid_file_handle_name']!.seq.find((a) => a['id'] === 'name')).toMatchObject({ terminator: 0 });
  });

  it('fixes the byte order when asked', () => {
    expect((ksyDocument({ byteOrder: 'big' }).meta as Record<string, unknown>)['endian']).toBe('be');
    expect(ksyDocument({ byteOrder: 'little' })['params']).toBeUndefined();
  });
});

describe('Kaitai decodes every corpus capture as the codec does', () => {
  it('finds the corpus', () => {
    expect(captures.length).toBeGreaterThanOrEqual(45);
    console.info(`export ksy: ${captures.length} corpus captures decoded by Kaitai (both byte orders)`);
  });

  it.each(captures.map((c) => [c.file, c] as const))('%s', (_, capture) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, capture.file)));
    const events = decodeEventObjects(bytes, { byteOrder: capture.byteOrder });
    expect(events.length).toBeGreaterThan(0);
    const expected = events.map((e) => fromCodec(e, kernelRecords));
    expect(kaitaiEvents(kernel, bytes, capture.byteOrder === 'little', kernelRecords)).toEqual(expected);
    // The same events in the other byte order: one parser, switched by its is_le parameter.
    const other = capture.byteOrder === 'little' ? 'big' : 'little';
    const swapped = encodeEvents(events, { byteOrder: other });
    expect(kaitaiEvents(kernel, swapped, other === 'little', kernelRecords)).toEqual(expected);
  });

  it.each(vectorStreams.map((v) => [v.bytes, v] as const))('conformance vector %s', (_, v) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, 'corpus/vectors', v.bytes)));
    const expected = decodeEventObjects(bytes, { byteOrder: v.byte_order }).map((e) => fromCodec(e, kernelRecords));
    expect(kaitaiEvents(kernel, bytes, v.byte_order === 'little', kernelRecords)).toEqual(expected);
  });

  it('keeps a record of an unknown type as raw bytes', () => {
    const bytes = encodeEvents([{ mask: 0x100n, fd: -1, pid: 7, info: [{ type: 'unknown', info_type: 99, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) }] }], { byteOrder: 'little' });
    const [event] = kaitaiEvents(kernel, bytes, true, kernelRecords) as { info: unknown[] }[];
    expect(event!.info).toEqual([{ info_type: 99, pad: 0, len: 12, data: '0102030405060708' }]);
  });
});

describe('user schemas', () => {
  const records = [...kernelRecords.filter((r) => ![4, 5, 6].includes(r.infoType)), locationRecord, rfcErrorRecord, fsdataRecord];

  it('the RFC records (unpadded location name, fsdata blob, implicit padding) decode as the codec does', async () => {
    const parser = await compileKsy(exportKsy({ records, id: 'rfc_fan_error' }));
    const stream = rfcCodec.encodeEvents(
      [
        {
          mask: 0x10_0000n,
          fd: -1,
          pid: 42,
          info: [
            { type: 'location', line: 1234, function: 'ext4_lookup' },
            { type: 'error', version: 1, error: 117, fsid: 0x1234_5678_9abcn },
            { type: 'fsdata', data: new Uint8Array([0xde, 0xad, 0xbe]) },
            { type: 'fid', fsid: [1, 2], handle_type: 1, f_handle: new Uint8Array(8).fill(7) },
          ],
        },
      ],
      { byteOrder: 'big' },
    );
    const codec = createCodec({ records });
    const expected = codec.decodeEventObjects(stream, { byteOrder: 'big' }).map((e) => fromCodec(e, records));
    expect(kaitaiEvents(parser, stream, false, records)).toEqual(expected);
    expect(JSON.stringify(expected)).toContain('"function":"' + Buffer.from('ext4_lookup').toString('hex') + '"');
  });

  it('rejects what Kaitai cannot name, with typed errors', () => {
    const badName = infoRecord(struct('x', { ...fanotify_event_info_header.fields, Line: u32() }), { type: 'x', infoType: 40 });
    expect(() => ksyDocument({ records: [badName] })).toThrow(expect.objectContaining({ code: 'EXPORT_BAD_IDENTIFIER', path: 'x.Line' }));
    const padding = infoRecord(struct('y', { ...fanotify_event_info_header.fields, padding: cstring() }), { type: 'y', infoType: 41 });
    expect(() => ksyDocument({ records: [padding] })).toThrow(FanotifySchemaExportError);
    expect(() => ksyDocument({ records: [locationRecord, kernelRecords[3]] })).toThrow(expect.objectContaining({ code: 'EXPORT_DUPLICATE_INFO_TYPE' }));
    expect(() => ksyDocument({ id: 'Bad-Id' })).toThrow(expect.objectContaining({ code: 'EXPORT_BAD_IDENTIFIER', path: 'meta.id' }));
  });
});
