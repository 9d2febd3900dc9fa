/**
 * README "Schemas beyond TypeScript" says what is true: its commands run and write what the API
 * returns, its snippet works with a user record (bound here as the README's `location`), and the
 * npm scripts and files it names exist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cstring, fanotify_event_info_header, infoRecord, kernelRecords, s32, struct } from '../../src/entries/schema.js';
import { exportCHeader, exportKsy } from '../../src/entries/export.js';
import { runInProcess } from '../helpers/run-cli.js';
import { ROOT } from './support/corpus-files.js';
import { compileKsy } from './support/kaitai.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.split('\n## Schemas beyond TypeScript\n')[1]!.split('\n## ')[0]!;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fanotify-readme-export-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('sits right after "Schemas: declare your own records"', () => {
  const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  expect(headings[headings.indexOf('Schemas: declare your own records') + 1]).toBe('Schemas beyond TypeScript');
});

it('its commands write what the API returns', async () => {
  const commands = /```sh\n([\s\S]*?)```/.exec(section)![1]!.split('\n').filter(Boolean).map((l) => l.replace(/#.*$/, '').trim().split(/\s+/));
  expect(commands.length).toBe(2);
  for (const [bin, ...args] of commands) {
    expect(bin).toBe('fanotify-codec');
    const out = args.indexOf('-o');
    args[out + 1] = path.join(tmp, args[out + 1]!);
    const r = await runInProcess(args);
    expect([r.code, r.stderr]).toEqual([0, '']);
  }
  expect(fs.readFileSync(path.join(tmp, 'fanotify_events.ksy'), 'utf8')).toBe(exportKsy());
  expect(fs.readFileSync(path.join(tmp, 'fanotify-codec.h'), 'utf8')).toBe(exportCHeader({ prefix: 'fc_' }));
});

it('its snippet describes a user record that Kaitai compiles', async () => {
  const location = infoRecord(struct('fanotify_event_info_location', { ...fanotify_event_info_header.fields, line: s32(), function: cstring() }), { type: 'location', infoType: 4, align: 1 });
  const ksy = exportKsy({ records: [...kernelRecords.filter((r) => r.infoType !== 4), location] });
  expect(ksy).toContain('fanotify_event_info_location');
  await expect(compileKsy(ksy)).resolves.toBeDefined();
});

it('names npm scripts and files that exist', () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const [, name] of section.matchAll(/`npm run ([\w:]+)/g)) expect(scripts, name).toHaveProperty(name!);
  for (const [, file] of section.matchAll(/`((?:test|corpus)\/[\w/.-]+)`/g)) expect(fs.existsSync(path.join(ROOT, file!)), file).toBe(true);
});
