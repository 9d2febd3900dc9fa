/**
 * Every command's --help: examples that run as an installed package runs them (from a scratch
 * directory holding only what the package ships under examples/, with the CLI bundled as
 * `fanotify-codec`), and documented exit codes.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCommand } from '../../src/cli/commands/decode.js';
import { diffCommand } from '../../src/cli/commands/diff.js';
import { encodeCommand } from '../../src/cli/commands/encode.js';
import { normalizeCommand } from '../../src/cli/commands/normalize.js';
import { produceCommand } from '../../src/cli/commands/produce.js';
import { statsCommand } from '../../src/cli/commands/stats.js';
import { bundleEntry, PACKAGE_ROOT, type Bundle } from './support/cli-bundle.js';
import { runInProcess } from '../helpers/run-cli.js';

const COMMANDS = [decodeCommand, encodeCommand, normalizeCommand, diffCommand, statsCommand, produceCommand];

/** The example command lines of a help text (continuation lines joined; indented notes skipped). */
function examples(help: string): string[] {
  const block = help.split(/\nExamples[^\n]*:\n/)[1]?.split('\n\n')[0] ?? '';
  const lines: string[] = [];
  for (const raw of block.split('\n')) {
    const line = raw.trim();
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.endsWith('\\')) lines[last] = lines[last]!.slice(0, -1) + line;
    else if (/fanotify-codec /.test(line) && !line.startsWith('(')) lines.push(line);
  }
  return lines;
}

let bundle: Bundle | undefined;
let scratch = '';

beforeAll(async () => {
  bundle = await bundleEntry();
  scratch = mkdtempSync(path.join(tmpdir(), 'fanotify-examples-'));
  mkdirSync(path.join(scratch, 'bin'));
  const wrapper = path.join(scratch, 'bin', 'fanotify-codec');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${bundle.file}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  symlinkSync(path.join(PACKAGE_ROOT, 'examples'), path.join(scratch, 'examples'));
});

afterAll(() => {
  bundle?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help', (name, command) => {
  it('prints the help with usage, examples and exit status (also as `help CMD`)', async () => {
    const r = await runInProcess([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.text).toBe(command.help);
    expect((await runInProcess(['help', name])).text).toBe(command.help);
    // Examples name only files the package ships.
    expect(examples(command.help).join('\n')).not.toMatch(/corpus\//);
    expect(command.help).toMatch(new RegExp(`^Usage: fanotify-codec ${name} `));
    expect(command.help).toMatch(/\nExit status: 0 [^\n]+;\s+1 [\s\S]+;\s+2 usage error[\s\S]*;\s+3 /);
    expect(examples(command.help).length).toBeGreaterThanOrEqual(2);
  });

  it('has examples that run', () => {
    for (const example of examples(command.help)) {
      const r = spawnSync('bash', ['-o', 'pipefail', '-c', example], { cwd: scratch, env: { ...process.env, PATH: `${path.join(scratch, 'bin')}:${process.env['PATH']}` }, encoding: 'utf8' });
      // diff reports a difference with 1; everything else must succeed.
      const allowed = name === 'diff' ? [0, 1] : [0];
      expect(allowed, `${example}\n${r.stderr}`).toContain(r.status);
      // Nothing on stderr but an explicitly requested summary.
      expect(r.stderr.replace(/^fanotify-codec decode: summary of [\s\S]*$/, ''), example).toBe('');
    }
  });
});

it('the top-level help lists every command and the exit codes', async () => {
  const r = await runInProcess(['--help']);
  for (const c of COMMANDS) expect(r.text).toContain(`  ${c.name}`);
  expect(r.text).toContain('Exit codes: 0 success; 1 malformed input (or, for diff, inputs differ); 2 usage error\n(for diff also a malformed input); 3 system error.');
});
