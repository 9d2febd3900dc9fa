// Pre-content events (FAN_PRE_ACCESS, Linux 6.14) on ext4: every read of a marked file is held
// until answered, with a RANGE record giving the (page-granular) offset and count; a deny with
// an errno fails the child's read with that errno. tmpfs lacks pre-content support (see
// errors.test.ts for its EOPNOTSUPP).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openGroup } from '../../src/entries/live.js';
import { Cleanup, makeTempDir, requireRoot } from './support/env.js';
import { collectUntil, type Snapshot } from './support/events.js';
import { lastJson, startNode } from './support/processes.js';

const cleanup = new Cleanup();
let file: string;

beforeEach(() => {
  requireRoot();
  const dir = makeTempDir(cleanup, 'fanotify-precontent-');
  const fsType = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').find((l) => l.split(' ')[4] === '/')?.split(' - ')[1]?.split(' ')[0];
  if (fsType !== 'ext4') throw new Error(`the pre-content tests need os.tmpdir() on ext4 (found ${fsType ?? 'unknown'})`);
  file = path.join(dir, 'data');
  fs.writeFileSync(file, Buffer.alloc(64 * 1024, 7));
});
afterEach(() => cleanup.run());

const PREAD = `
const fs = require('fs');
const [file, offset, length] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const fd = fs.openSync(file, 'r');
try { const b = Buffer.alloc(length); const n = fs.readSync(fd, b, 0, length, offset); console.log(JSON.stringify({ ok: true, n, byte: b[0] })); }
catch (e) { console.log(JSON.stringify({ ok: false, code: e.code })); }
`;

function rangeOf(event: Snapshot): { offset: bigint; count: bigint } {
  const range = event.records.find((r) => r.type === 'range');
  if (!range) throw new Error(`no RANGE record in ${JSON.stringify(event.maskNames)}`);
  return { offset: range['offset'] as bigint, count: range['count'] as bigint };
}

it('FAN_PRE_ACCESS carries a RANGE record; allow lets the read through', async () => {
  const g = openGroup({ class: 'pre-content' });
  cleanup.add('close', () => g.close());
  g.addMark({ path: file, events: ['FAN_PRE_ACCESS'] });
  const child = startNode(PREAD, [file, '8202', '100']);
  const [event] = await collectUntil(g, (evs) => evs.length === 1, (e) => e.respond('allow'));
  expect(event!.maskNames).toEqual(['FAN_PRE_ACCESS']);
  expect(event!.isPermission).toBe(true);
  expect(event!.fd).toBeGreaterThanOrEqual(0);
  expect(event!.records.map((r) => r.type)).toEqual(['range']);
  // Ranges are page-granular: a 100-byte read at 8202 asks for the page at 8192.
  expect(rangeOf(event!)).toEqual({ offset: 8192n, count: 4096n });
  expect(lastJson((await child.done).stdout)).toEqual({ ok: true, n: 100, byte: 7 });
});

it('deny with EIO fails the read with EIO; the PIDFD record comes before RANGE', async () => {
  const g = openGroup({ class: 'pre-content', pidfd: true });
  cleanup.add('close', () => g.close());
  g.addMark({ path: file, events: ['FAN_PRE_ACCESS'] });
  const child = startNode(PREAD, [file, '0', '70000']);
  const [event] = await collectUntil(g, (evs) => evs.length === 1, (e) => e.respond({ deny: 'EIO' }));
  expect(event!.records.map((r) => r.type)).toEqual(['pidfd', 'range']);
  expect(rangeOf(event!)).toEqual({ offset: 0n, count: 73728n });
  expect(event!.pid).toBe(child.child.pid);
  expect(lastJson((await child.done).stdout)).toEqual({ ok: false, code: 'EIO' });
  expect(g.stats.permissionEvents).toBe(1);
});
