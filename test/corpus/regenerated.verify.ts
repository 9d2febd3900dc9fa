/**
 * Run by corpus/verify.sh after it regenerated the corpus into $FANOTIFY_CORPUS_REGENERATED:
 * the same captures exist, and each one's normalized events and normalized sidecar equal the
 * committed ones (pids, fds, pidfds, fsids, handles, mount ids and times aside; the tool
 * version is not compared). A different kernel release is reported as such.
 */
import { describe, expect, it } from 'vitest';
import { diffEventStreams, formatDifference, normalizedStream, streamEventsOfBytes, EventNormalizer } from '../../src/golden/index.js';
import type { JsonObject, JsonValue } from '../../src/schema/compile.js';
import { captureIds, loadCapture } from './support/corpus-captures.js';

const regenerated = process.env['FANOTIFY_CORPUS_REGENERATED'];

function normalizedSidecar(text: string): JsonValue {
  const sidecar = JSON.parse(text) as JsonObject;
  delete sidecar['tool'];
  return new EventNormalizer().document(sidecar);
}

describe('regenerated corpus', () => {
  it('was given a regenerated corpus (run `bash corpus/verify.sh`, not this file directly)', () => {
    expect(regenerated, 'FANOTIFY_CORPUS_REGENERATED').toBeTruthy();
  });
  if (!regenerated) return;

  it('has the same captures as the committed corpus', () => {
    expect(captureIds(regenerated)).toEqual(captureIds());
  });

  describe.each(captureIds().map((id) => [id] as const))('%s', (id) => {
    it('has the same normalized events', () => {
      const committed = loadCapture(id);
      const fresh = loadCapture(id, regenerated);
      const difference = diffEventStreams(normalizedStream(streamEventsOfBytes(committed.bytes, committed.sidecar.byteOrder)), normalizedStream(streamEventsOfBytes(fresh.bytes, fresh.sidecar.byteOrder)));
      expect(difference && formatDifference(difference, { a: `committed ${id}`, b: `regenerated ${id}` })).toBeUndefined();
    });

    it('has the same normalized sidecar', () => {
      const committed = loadCapture(id);
      const fresh = loadCapture(id, regenerated);
      expect(fresh.sidecar.kernel.release, 'kernel release (regenerate the corpus on a new kernel and review the diff)').toBe(committed.sidecar.kernel.release);
      expect(normalizedSidecar(fresh.sidecarText)).toEqual(normalizedSidecar(committed.sidecarText));
    });
  });
});
