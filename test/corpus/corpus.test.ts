/**
 * The captured corpus (corpus/<fs>/<case>/capture.{bin,json,jsonl}) and the per-kernel corpora
 * (corpus/linux-<line>/<fs>/<case>/): for every capture, decode prints exactly the committed
 * .jsonl, encoding it gives back the bytes, strict validation accepts the bytes, and the
 * sidecar's reads partition them into whole events; then every record type and report mode
 * issue 4 lists is demonstrated by at least one capture of the 6.18 corpus (the requirements
 * describe 6.18; older kernels lack some of it: other-kernels.test.ts checks those).
 */
import { describe, expect, it } from 'vitest';
import { encodeEvents, validateEvents } from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { CAPTURE_FORMAT, CAPTURE_FORMAT_VERSION } from '../../src/live/capture/sidecar.js';
import { runInProcess } from '../helpers/run-cli.js';
import { captureIds, loadCorpus } from './support/corpus-captures.js';
import { filesystems, REQUIREMENTS } from './support/coverage.js';
import { kernelCorpora } from './support/other-kernels.js';
import path from 'node:path';

const corpus = loadCorpus();
/** Every capture: the 6.18 corpus (`ext4/fid`) and each kernel's (`linux-6.1/ext4/fid`). */
const everyCapture = [...corpus.map((c) => [c.id, c] as const), ...kernelCorpora().flatMap((k) => loadCorpus(k.dir).map((c) => [`linux-${k.line}/${c.id}`, c] as const))];

describe('corpus', () => {
  it('has captures on ext4, xfs, btrfs and tmpfs', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(captureIds().map((id) => id.split('/')[0]))).toEqual(new Set(['btrfs', 'ext4', 'tmpfs', 'xfs']));
  });

  describe.each(everyCapture)('%s', (_id, c) => {
    it('decode prints exactly capture.jsonl', async () => {
      const r = await runInProcess(['decode', path.join(c.dir, 'capture.bin')]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.text).toBe(c.jsonl);
      expect(c.jsonl.split('\n').filter(Boolean)).toHaveLength(c.sidecar.totals.events);
    });

    it('encoding capture.jsonl gives back capture.bin (library and encode command)', async () => {
      const inputs = c.jsonl.split('\n').filter(Boolean).map((line, i) => fanotifyCodec.eventFromJSON(JSON.parse(line), i));
      expect(encodeEvents(inputs, { byteOrder: c.sidecar.byteOrder })).toEqual(c.bytes);
      const r = await runInProcess(['encode', path.join(c.dir, 'capture.jsonl')]);
      expect(r.code).toBe(0);
      expect(new Uint8Array(r.stdout)).toEqual(c.bytes);
    });

    it('strict validation accepts the bytes', () => {
      expect(validateEvents(c.bytes, { byteOrder: c.sidecar.byteOrder })).toBe(c.sidecar.totals.events);
    });

    it("the sidecar describes these bytes, and its reads partition them into whole events", () => {
      const s = c.sidecar;
      expect(s).toMatchObject({ format: CAPTURE_FORMAT, formatVersion: CAPTURE_FORMAT_VERSION, binFile: 'capture.bin', error: null, stoppedBy: 'command-exit' });
      expect(s.totals.bytes).toBe(c.bytes.length);
      expect(s.totals.reads).toBe(s.reads.length);
      let offset = 0;
      let events = 0;
      for (const [i, read] of s.reads.entries()) {
        expect(read.offset, `reads[${i}].offset`).toBe(offset);
        expect(read.length, `reads[${i}].length`).toBeGreaterThan(0);
        // Each read's slice decodes on its own: reads never split an event.
        expect(validateEvents(c.bytes.subarray(offset, offset + read.length), { byteOrder: s.byteOrder, baseOffset: offset }), `reads[${i}].events`).toBe(read.events);
        expect(read.length, `reads[${i}] fits the read buffer`).toBeLessThanOrEqual(s.readBufferSize);
        offset += read.length;
        events += read.events;
      }
      expect(offset).toBe(c.bytes.length);
      expect(events).toBe(s.totals.events);
    });
  });

  describe('coverage (judged from sidecars and decoded records)', () => {
    it.each(REQUIREMENTS.map((r) => [r.what, r] as const))('%s', (_what, requirement) => {
      expect(requirement.met(corpus)).toBe(true);
    });
  });

  it('coverage predicates notice what a partial corpus lacks', () => {
    expect(REQUIREMENTS.filter((r) => r.met([]))).toEqual([]);
    const withoutTmpfs = corpus.filter((c) => !filesystems(c).includes('tmpfs'));
    const unmet = REQUIREMENTS.filter((r) => !r.met(withoutTmpfs)).map((r) => r.what);
    expect(unmet).toEqual(['FAN_REPORT_FID on tmpfs', 'FAN_REPORT_DIR_FID on tmpfs', 'FAN_REPORT_DIR_FID|FAN_REPORT_FID on tmpfs', 'FAN_REPORT_DIR_FID|FAN_REPORT_NAME on tmpfs', 'FAN_REPORT_DIR_FID|FAN_REPORT_NAME|FAN_REPORT_FID on tmpfs', 'FAN_REPORT_DIR_FID|FAN_REPORT_NAME|FAN_REPORT_FID|FAN_REPORT_TARGET_FID on tmpfs', 'FAN_RENAME on tmpfs: within one directory and across two', '12-byte handles (tmpfs)']);
    const withoutErrors = corpus.filter((c) => !c.sidecar.marks.some((m) => m.maskNames.includes('FAN_FS_ERROR')));
    expect(REQUIREMENTS.filter((r) => !r.met(withoutErrors)).map((r) => r.what)).toEqual([
      'a FAN_EVENT_INFO_TYPE_ERROR record',
      'FAN_FS_ERROR, a single error',
      'FAN_FS_ERROR, merged errors (error_count > 1)',
      'FAN_FS_ERROR at superblock level: a zero-length handle (FILEID_INVALID)',
    ]);
  });
});
