/**
 * The per-kernel corpora (corpus/linux-6.1, corpus/linux-6.12; `npm run corpus:kernels`)
 * beyond what corpus.test.ts checks of every capture: they name their kernel consistently, each
 * covers every case of the 6.18 corpus (captured, or unavailable with the refused call and
 * errno), the kernel model told that release refuses each unavailable case's call with the same
 * errno and accepts the groups and marks of every captured case, and the "Other kernels" table
 * of corpus/README.md is what the files say. Reads files only (no VM, no root).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAN_CLOEXEC, FAN_NONBLOCK } from '../../src/index.js';
import { Errno, parseFlagWords, parseKernelRelease, type FlagKind } from '../../src/kernel/index.js';
import { KernelModel } from '../../src/model/index.js';
import { captureIds, CORPUS_DIR, loadCapture, loadCorpus, type Capture } from './support/corpus-captures.js';
import { compareCaptures, kernelCorpora, otherKernelsTable, readUnavailable, tableIn, type Unavailable, type UnavailableFile } from './support/other-kernels.js';

const kernels = kernelCorpora();

const words = (kind: FlagKind, text: string): bigint => {
  const r = parseFlagWords(kind, text.replace(/\|/g, ','));
  if (!r.ok) throw new Error(`${kind} words '${text}' do not parse`);
  return r.value;
};

/** A model of the kernel `file` names, with one filesystem of `fsType` at /fs and a privileged task. */
function model(file: UnavailableFile, fsType: string) {
  const k = new KernelModel({ kernel: file.kernel.stable });
  k.addFilesystem('fs', { type: fsType, fsid: [1, 2] }, '/fs');
  const t = k.task(k.addProcess('capture', 100));
  /** A mark's target: the mark's own path (relative to the capture's scratch dir) below /fs. */
  const target = (object: string, markPath: string) => {
    if (object === 'mntns') return { mntns: 'init' };
    const p = `/fs/${markPath.replace(/^"|"$/g, '')}`;
    try {
      k.lookup(p);
    } catch {
      k.createObject(p, path.basename(p) === 'file' ? 'file' : 'dir');
    }
    return { path: p };
  };
  return { k, t, target };
}

const option = (u: Unavailable, name: string): string[] => u.capture.flatMap((v, i) => (u.capture[i - 1] === name ? [v] : []));

describe.each(kernels.map((k) => [k.line, k] as const))('corpus/linux-%s', (line, k) => {
  const file = readUnavailable(k);
  const captures: Capture[] = loadCorpus(k.dir);

  it('names its kernel: uname -r of the line, the stable point, and the same release in every sidecar', () => {
    expect(file.kernel.release.startsWith(`${line}.`)).toBe(true);
    expect(file.kernel.stable).toMatch(new RegExp(`^${line.replace('.', '\\.')}\\.\\d+$`));
    // Debian's ABI name hides the stable point, which uname -v tells.
    if (/^\d+\.\d+\.0-\d+-/.test(file.kernel.release)) expect(file.kernel.version).toContain(`Debian ${file.kernel.stable}-`);
    expect(parseKernelRelease(file.kernel.stable)).toBeDefined();
    expect(captures.length).toBeGreaterThan(0);
    for (const c of captures) expect(c.sidecar.kernel, c.id).toEqual({ release: file.kernel.release, machine: file.kernel.machine });
  });

  it('covers every case of the 6.18 corpus: captured or unavailable, never both', () => {
    const captured = captures.map((c) => c.id);
    const unavailable = file.unavailable.map((u) => u.case);
    expect(unavailable).toEqual([...unavailable].sort());
    expect(captured.filter((id) => unavailable.includes(id))).toEqual([]);
    expect([...captured, ...unavailable].sort()).toEqual(captureIds());
  });

  describe.each(file.unavailable.map((u) => [u.case, u] as const))('unavailable %s', (_id, u) => {
    it(`the model as ${file.kernel.stable} refuses the same call with the same errno`, () => {
      expect(Errno[u.errno as keyof typeof Errno], u.errno).toBeGreaterThan(0);
      const fsType = u.case.split('/')[0]!;
      const { k, t, target } = model(file, fsType);
      const initFlags = Number(words('init', option(u, '--init')[0] ?? 'FAN_CLASS_NOTIF')) | FAN_NONBLOCK | FAN_CLOEXEC;
      const eventFFlags = Number(words('open', option(u, '--event-flags')[0] ?? 'O_RDONLY,O_LARGEFILE,O_CLOEXEC'));
      const fd = k.fanotifyInit(t, initFlags, eventFFlags);
      if (u.call === 'fanotify_init') {
        // The recorded arguments are the capture's options (plus FAN_NONBLOCK|FAN_CLOEXEC).
        expect(Number(words('init', u.args['flags']!))).toBe(initFlags);
        expect(Number(words('open', u.args['event_f_flags']!))).toBe(eventFFlags);
        expect(fd).toBe(-Errno[u.errno as keyof typeof Errno]);
        return;
      }
      expect(fd, 'fanotify_init, which the kernel accepted').toBeGreaterThanOrEqual(0);
      // The marks in order, up to the refused one (the recorded flags and mask).
      const results: { flags: number; mask: bigint; result: number }[] = [];
      for (const spec of option(u, '--mark')) {
        const [object, markPath, events] = spec.split(':') as [string, string, string];
        const flags = Number(words('mark', `FAN_MARK_ADD,FAN_MARK_${object.toUpperCase()}`));
        const mask = words('event', events);
        const result = k.fanotifyMark(t, fd, flags, mask, target(object, markPath));
        results.push({ flags, mask, result });
        if (result < 0) break;
      }
      const refused = results.at(-1)!;
      expect({ flags: refused.flags, mask: refused.mask }).toEqual({ flags: Number(words('mark', u.args['flags']!)), mask: words('event', u.args['mask']!) });
      expect(refused.result).toBe(-Errno[u.errno as keyof typeof Errno]);
    });
  });

  it(`the model as its stable release accepts the group and every mark of each captured case`, () => {
    const refused: string[] = [];
    for (const c of captures) {
      const { k, t, target } = model(file, c.sidecar.marks[0]?.fsType ?? 'ext4');
      const fd = k.fanotifyInit(t, c.sidecar.init.flags, c.sidecar.init.eventFFlags);
      if (fd < 0) {
        refused.push(`${c.id}: fanotify_init ${fd}`);
        continue;
      }
      for (const m of c.sidecar.marks) {
        const r = k.fanotifyMark(t, fd, m.flags, BigInt(m.mask), target(m.object, m.path ?? ''));
        if (r !== 0) refused.push(`${c.id}: fanotify_mark ${m.flagNames.join('|')} ${m.maskNames.join('|')}: ${r}`);
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('corpus/README.md "Other kernels"', () => {
  it('has per-kernel corpora for 6.1 and 6.12', () => {
    expect(kernels.map((k) => k.line)).toEqual(['6.1', '6.12']);
  });

  it('the comparison behind it notices other events and other read boundaries', () => {
    const fid = loadCapture('ext4/fid');
    expect(compareCaptures(fid, fid)).toEqual({ kind: 'identical' });
    expect(compareCaptures(fid, loadCapture('ext4/dir-fid'))).toMatchObject({ kind: 'differs', how: expect.stringMatching(/^event\[\d+\]/) });
    const oneMoreRead = { ...fid, sidecar: { ...fid.sidecar, reads: [...fid.sidecar.reads, fid.sidecar.reads[0]!] } };
    expect(compareCaptures(fid, oneMoreRead)).toMatchObject({ kind: 'differs', how: expect.stringContaining('read boundaries') });
  });

  it('its table is what the files say (regenerate: npm run corpus:kernels -- --table)', () => {
    const readme = readFileSync(path.join(CORPUS_DIR, 'README.md'), 'utf8');
    expect(tableIn(readme)).toBe(otherKernelsTable());
  });
});
