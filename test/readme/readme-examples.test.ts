/**
 * The README's examples run as written: the main command, the kernel-model commands, and the
 * TypeScript snippets (copied here with their free variables bound). If one of these fails, the
 * README is wrong.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FAN_CLASS_NOTIF,
  FAN_CREATE,
  FAN_MARK_ADD,
  FAN_MARK_FILESYSTEM,
  FAN_NOFD,
  FAN_NONBLOCK,
  FAN_ONDIR,
  FAN_REPORT_FID,
  createCodec,
  decodeEvents,
  encodeEvents,
} from '../../src/index.js';
import { KernelModel } from '../../src/entries/model.js';
import { cstring, fanotify_event_info_header, infoRecord, kernelRecords, s32, struct } from '../../src/entries/schema.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]): string {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does) before this test');
  return execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
}

describe('README', () => {
  it('opens with the main command, and it decodes the shipped rename capture', () => {
    const main = 'node dist/cli.js decode --format pretty corpus/ext4/dfid-name-target-rename/capture.bin';
    expect(readme.split("\n").slice(0, 12).join("\n")).toContain(`npm install && ${main}`);
    const out = run(main.split(' ').slice(2));
    expect(out).toMatch(/FAN_RENAME/);
    expect(out).toMatch(/OLD_DFID_NAME .*name="x"/);
    expect(out).toMatch(/NEW_DFID_NAME .*name="yy"/);
  });

  it('produces the documented golden stream from a scenario, without root', () => {
    const out = path.join(tmp, 'golden.bin');
    run(['produce', 'test/model/scenarios/dfid-name-create.json', '-o', out]);
    const lines = run(['decode', out]).trim().split('\n').map((l) => JSON.parse(l) as { event_len: number; mask_names: string[] });
    expect(lines.map((e) => e.event_len)).toEqual([92, 136]);
    expect(lines[0]!.mask_names).toEqual(['FAN_CREATE', 'FAN_ONDIR']);
    expect(lines[1]!.mask_names).toEqual(['FAN_RENAME']);
  });

  it('encodes the documented 92-byte event', () => {
    const dirHandle = Uint8Array.of(0x69, 0xc2, 0x0c, 0x86, 0x3e, 0x40, 0, 0, 0, 0, 0, 0);
    const subHandle = Uint8Array.of(0x46, 0x77, 0x2f, 0xb4, 0x40, 0x40, 0, 0, 0, 0, 0, 0);
    const stream = encodeEvents([
      {
        mask: FAN_CREATE | FAN_ONDIR,
        fd: FAN_NOFD,
        pid: 13336,
        info: [
          { type: 'dfid_name', fsid: [-476146931, -2091916051], handle_type: 1, f_handle: dirHandle, name: 'sub' },
          { type: 'fid', fsid: [-476146931, -2091916051], handle_type: 1, f_handle: subHandle },
        ],
      },
    ]);
    expect(stream.length).toBe(92);
    const [event] = [...decodeEvents(stream)];
    expect(event!.maskNames).toEqual(['FAN_CREATE', 'FAN_ONDIR']);
  });

  it('declares the RFC location record as shown', () => {
    const location = infoRecord(
      struct('fanotify_event_info_location', { ...fanotify_event_info_header.fields, line: s32(), function: cstring() }),
      { type: 'location', infoType: 4, align: 1 },
    );
    const codec = createCodec({ records: [...kernelRecords.filter((r) => r.infoType !== 4), location] });
    const bytes = codec.encodeEvents([{ mask: 0x8000n, fd: -1, pid: 1, info: [{ type: 'location', line: 42, function: 'ext4_lookup' }] }]);
    const seen: [number, string][] = [];
    for (const event of codec.decodeEvents(bytes))
      for (const r of event.records()) if (r.type === 'location') seen.push([r.line, new TextDecoder().decode(r.function)]);
    expect(seen).toEqual([[42, 'ext4_lookup']]);
    // No padding: 4 header + 4 line + 11 name + NUL.
    expect(bytes.length).toBe(24 + 20);
  });

  it('runs the KernelModel snippet and reads one 52-byte CREATE|ONDIR event', () => {
    const k = new KernelModel({ byteOrder: 'little' });
    k.addFilesystem('ext4', { type: 'ext4', fsid: [0x1234, 0x5678] }, '/mnt');
    const me = k.task(k.addProcess('app', 4242));
    const fd = k.fanotifyInit(me, FAN_CLASS_NOTIF | FAN_REPORT_FID | FAN_NONBLOCK, 0);
    k.fanotifyMark(me, fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM, FAN_CREATE | FAN_ONDIR, { path: '/mnt' });
    k.run(me, { op: 'mkdir', path: '/mnt/sub' });
    const { result, bytes } = k.read(me, fd, 4096);
    expect(result).toBe(52);
    const [event] = [...decodeEvents(bytes)];
    expect(event!.maskNames).toEqual(['FAN_CREATE', 'FAN_ONDIR']);
  });
});

describe('README live example', () => {
  it('runs as written (with its watched directory moved into this test\'s temp dir)', async () => {
    if (process.getuid?.() !== 0) throw new Error('the live example needs root: run the tests as root');
    const section = readme.slice(readme.indexOf('## Live fanotify groups'));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    if (!code) throw new Error('no ```js block in the README live section');
    expect(code.trim().split('\n').length).toBeLessThanOrEqual(10);
    const watched = mkdtempSync(path.join(tmp, 'watched-'));
    const script = path.join(tmp, 'watch.mjs');
    // The example imports 'fanotify-codec': resolve it to this checkout's build.
    execFileSync('mkdir', ['-p', path.join(tmp, 'node_modules')]);
    execFileSync('ln', ['-sfn', root, path.join(tmp, 'node_modules', 'fanotify-codec')]);
    writeFileSync(script, code.replaceAll("'/tmp'", JSON.stringify(watched)));
    const child = spawn(process.execPath, [script], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // Touch until the group (opened at start-up) reports it; the first touch may precede the mark.
      for (let i = 0; i < 50 && !stdout.includes('FAN_CREATE'); i++) {
        writeFileSync(path.join(watched, `x${i}`), '');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stdout, stderr).toMatch(new RegExp(`^FAN_CREATE x\\d+ ${watched.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/x\\d+$`, 'm'));
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited, stderr).toBe(0);
  }, 30_000);
});
