// `fanotify-codec capture`: the .bin holds exactly the bytes of the reads, the sidecar
// describes the group, marks (with fs types), byte order, buffer size and every read; capture
// stops when the command exits (queue drained), after --count or --duration; permission events
// get --verdict; usage and system errors have their exit codes; no fd is left open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { decodeEvents } from '../../src/codec/default-codec.js';
import { runCli } from '../../src/cli/run.js';
import { CAPTURE_FORMAT, type CaptureSidecar } from '../../src/entries/live.js';
import { Cleanup, makeTempDir, openFds, requireRoot } from './support/env.js';
import { mountTmpfs } from './support/mounts.js';

const cleanup = new Cleanup();
let dir: string;
let out: string;
let fdsBefore: number;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-capture-');
  out = makeTempDir(cleanup, 'fanotify-capture-out-');
  fdsBefore = openFds().length;
});
afterEach(async () => {
  await cleanup.run();
  expect(openFds().length).toBe(fdsBefore);
});

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (c: Buffer) => (o += c.toString()));
  stderr.on('data', (c: Buffer) => (e += c.toString()));
  const code = await runCli(args, { stdin: Readable.from([]), stdout, stderr });
  return { code, stdout: o, stderr: e };
}

function sidecar(bin: string): CaptureSidecar {
  return JSON.parse(fs.readFileSync(bin.replace(/\.bin$/, '.json'), 'utf8')) as CaptureSidecar;
}

function names(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const event of decodeEvents(bytes)) {
    for (const r of event.records()) if (r.type === 'dfid_name') out.push(`${event.maskNames.join('|')} ${Buffer.from(r.name).toString()}`);
  }
  return out;
}

it('captures a command: exact read bytes, a sidecar with every field, fds closed', async () => {
  const bin = path.join(out, 'dfid-name.bin');
  const script = `touch ${dir}/a; mkdir ${dir}/sub; rm ${dir}/a`;
  const result = await cli(['capture', '--init', 'FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME', '--event-flags', 'O_RDONLY,O_LARGEFILE', '--mark', `inode:${dir}:FAN_CREATE,FAN_DELETE,FAN_ONDIR`, '-o', bin, '--', 'sh', '-c', script]);
  expect(result).toMatchObject({ code: 0, stdout: '' });
  expect(result.stderr).toMatch(/^fanotify-codec capture: 3 events in \d+ reads \(\d+ bytes\) -> /);

  const bytes = new Uint8Array(fs.readFileSync(bin));
  expect(names(bytes)).toEqual(['FAN_CREATE a', 'FAN_CREATE|FAN_ONDIR sub', 'FAN_DELETE a']);
  const s = sidecar(bin);
  const version = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  expect(s).toMatchObject({
    format: CAPTURE_FORMAT,
    formatVersion: 1,
    tool: { name: 'fanotify-codec', version },
    kernel: { release: os.release(), machine: os.machine() },
    byteOrder: 'little',
    init: {
      flags: 0xc03,
      flagNames: ['FAN_CLASS_NOTIF', 'FAN_CLOEXEC', 'FAN_NONBLOCK', 'FAN_REPORT_DIR_FID', 'FAN_REPORT_NAME'],
      eventFFlags: 0x8000,
      eventFFlagNames: ['O_RDONLY', 'O_LARGEFILE'],
    },
    readBufferSize: 65536,
    marks: [
      {
        object: 'inode',
        path: dir,
        flags: 1,
        flagNames: ['FAN_MARK_INODE', 'FAN_MARK_ADD'],
        mask: '0x40000300',
        maskNames: ['FAN_CREATE', 'FAN_DELETE', 'FAN_ONDIR'],
        fsType: 'ext4',
        fsMagic: '0xef53',
      },
    ],
    verdict: 'allow',
    command: { argv: ['sh', '-c', script], exitCode: 0, signal: null },
    stoppedBy: 'command-exit',
    error: null,
    binFile: 'dfid-name.bin',
    totals: { events: 3, bytes: bytes.byteLength, overflows: 0, permissionEvents: 0 },
  });
  // The reads tile the file exactly, in order, with increasing timestamps.
  let offset = 0;
  let last = 0n;
  for (const read of s.reads) {
    expect(read.offset).toBe(offset);
    offset += read.length;
    expect(BigInt(read.hrtimeNs)).toBeGreaterThan(last);
    last = BigInt(read.hrtimeNs);
    expect(new Date(read.wallClock).toISOString()).toBe(read.wallClock);
    expect(read.events).toBe([...decodeEvents(bytes.subarray(read.offset, read.offset + read.length))].length);
  }
  expect(offset).toBe(bytes.byteLength);
  expect(s.totals.reads).toBe(s.reads.length);
  expect(Date.parse(s.endedAt)).toBeGreaterThanOrEqual(Date.parse(s.startedAt));

  // The decode command reads the capture back.
  const decoded = await cli(['decode', bin]);
  expect(decoded.code).toBe(0);
  expect(decoded.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { mask_names: string[] }).mask_names)).toEqual([['FAN_CREATE'], ['FAN_CREATE', 'FAN_ONDIR'], ['FAN_DELETE']]);
});

it('permission events get --verdict: deny makes the command fail', async () => {
  const file = path.join(dir, 'guarded');
  fs.writeFileSync(file, 'x');
  const bin = path.join(out, 'perm.bin');
  const result = await cli(['capture', '--init', 'FAN_CLASS_CONTENT', '--mark', `inode:${file}:FAN_OPEN_PERM`, '--verdict', 'deny', '-o', bin, '--', 'sh', '-c', `cat ${file} 2>/dev/null`]);
  expect(result.code).toBe(0);
  const s = sidecar(bin);
  expect(s).toMatchObject({ verdict: 'deny', command: { exitCode: 1 }, totals: { events: 1, permissionEvents: 1 } });
  const [event] = [...decodeEvents(new Uint8Array(fs.readFileSync(bin)))];
  expect(event!.maskNames).toEqual(['FAN_OPEN_PERM']);
  // The fd in the capture was closed after the capture.
  expect(event!.fd).toBeGreaterThanOrEqual(0);
});

it('--count stops after the read that reaches the count and terminates a command still running', async () => {
  // A private tmpfs, so the mount mark sees only this test's opens.
  const tmpfs = await mountTmpfs(cleanup, path.join(dir, 'tmpfs'));
  for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(tmpfs, `f${i}`), '');
  const bin = path.join(out, 'count.bin');
  const script = `for f in ${tmpfs}/f*; do cat $f; done; exec sleep 60`;
  const result = await cli(['capture', '--mark', `mount:${tmpfs}:FAN_OPEN`, '--mark', `inode:${tmpfs}:FAN_CLOSE_NOWRITE,FAN_EVENT_ON_CHILD:FAN_MARK_ONLYDIR`, '--count', '2', '-o', bin, '--', 'sh', '-c', script]);
  expect(result.code).toBe(0);
  const s = sidecar(bin);
  expect(s.stoppedBy).toBe('count');
  expect(s.totals.events).toBeGreaterThanOrEqual(2);
  expect(s.command).toMatchObject({ signal: 'SIGTERM', exitCode: null });
  expect(s.marks.map((m) => [m.object, m.flagNames, m.maskNames, m.fsType])).toEqual([
    ['mount', ['FAN_MARK_MOUNT', 'FAN_MARK_ADD'], ['FAN_OPEN'], 'tmpfs'],
    ['inode', ['FAN_MARK_INODE', 'FAN_MARK_ADD', 'FAN_MARK_ONLYDIR'], ['FAN_CLOSE_NOWRITE', 'FAN_EVENT_ON_CHILD'], 'tmpfs'],
  ]);
});

it('--duration without a command stops and drains', async () => {
  const bin = path.join(out, 'quiet.bin');
  const result = await cli(['capture', '--init', 'FAN_CLASS_NOTIF|FAN_REPORT_FID', '--mark', `inode:${dir}:FAN_CREATE`, '--duration', '0.05', '-o', bin]);
  expect(result.code).toBe(0);
  expect(sidecar(bin)).toMatchObject({ stoppedBy: 'duration', command: null, reads: [], totals: { events: 0, bytes: 0 } });
  expect(fs.statSync(bin).size).toBe(0);
});

it('usage errors exit 2; kernel refusals exit 3 with the hint, and the sidecar records the error', async () => {
  expect((await cli(['capture', '--mark', `inode:${dir}:FAN_OPEN`])).code).toBe(2);
  expect(await cli(['capture', '--init', 'FAN_CLASS_BOGUS', '--mark', `inode:${dir}:FAN_OPEN`, '-o', path.join(out, 'x.bin')])).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("unknown fanotify_init flag 'FAN_CLASS_BOGUS'"),
  });
  expect((await cli(['capture', '--mark', `socket:${dir}:FAN_OPEN`, '-o', path.join(out, 'x.bin')])).stderr).toMatch(/the object must be one of inode, mount, filesystem, mntns/);
  expect((await cli(['capture', '--mark', `inode:${dir}:FAN_BOGUS`, '-o', path.join(out, 'x.bin')])).stderr).toMatch(/unknown event 'FAN_BOGUS'/);
  const bin = path.join(out, 'refused.bin');
  const refused = await cli(['capture', '--init', 'FAN_CLASS_CONTENT,FAN_REPORT_FID', '--mark', `inode:${dir}:FAN_OPEN`, '-o', bin]);
  expect(refused.code).toBe(3);
  expect(refused.stderr).toMatch(/failed with EINVAL: fid report modes require FAN_CLASS_NOTIF/);
  expect(sidecar(bin)).toMatchObject({ stoppedBy: 'error', error: expect.stringMatching(/EINVAL/), reads: [] });
  const help = await cli(['capture', '--help']);
  expect(help.stdout).toMatch(/OBJECT:PATH:EVENTS\[:FLAGS\]/);
});
