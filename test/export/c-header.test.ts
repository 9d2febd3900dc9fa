/**
 * `export c-header`: the header is compiled with gcc next to the installed <linux/fanotify.h>
 * (exported with a prefix so both coexist) and a generated program prints sizeof, alignof,
 * offsetof and every constant of both. The exported header must match spec/ everywhere and the
 * kernel's header wherever it declares the same thing (member names included: a misnamed member
 * does not compile). What the installed header predates is checked against spec/ only, and
 * listed. gcc is required (CI installs it); without it this suite fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allConstantGroups } from '../../spec/codegen/render-constants.js';
import { cStructLayouts, exportCHeader } from '../../src/export/c-header.js';
import { FanotifySchemaExportError } from '../../src/export/errors.js';

const GCC = '/usr/bin/gcc';
const PREFIX = 'fc_';
const layouts = cStructLayouts();
const constants = allConstantGroups.flatMap((g) => Object.entries(g.entries).map(([name, spec]) => ({ name, value: BigInt(spec.value) })));

interface Report {
  readonly structs: Map<string, { sizeof: number; align: number }>;
  readonly members: Map<string, { offset: number; size: number }>;
  readonly constants: Map<string, bigint>;
}

let tmp = '';
let kernelStructs = new Set<string>();
const mine: Report = { structs: new Map(), members: new Map(), constants: new Map() };
const kernel: Report = { structs: new Map(), members: new Map(), constants: new Map() };

function compile(source: string, name: string): string {
  const file = path.join(tmp, `${name}.c`);
  fs.writeFileSync(file, source);
  const exe = path.join(tmp, name);
  execFileSync(GCC, ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-I', tmp, '-o', exe, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  return execFileSync(exe, { encoding: 'utf8' });
}

/** printf lines for one struct, side `mine` (prefixed) or `kernel`. */
function structProbe(side: 'mine' | 'kernel', name: string, members: readonly string[]): string[] {
  const type = side === 'mine' ? `struct ${PREFIX}${name}` : `struct ${name}`;
  return [
    `\tprintf("${side} struct ${name} %zu %zu\\n", sizeof(${type}), _Alignof(${type}));`,
    ...members.map((m) => `\tprintf("${side} member ${name}.${m} %zu %zu\\n", offsetof(${type}, ${m}), sizeof(((${type} *)0)->${m}));`),
  ];
}

function constantProbe(name: string): string[] {
  const macro = `${PREFIX.toUpperCase()}${name}`;
  return [`\tprintf("mine const ${name} %lld\\n", (long long)(${macro}));`, `#ifdef ${name}`, `\tprintf("kernel const ${name} %lld\\n", (long long)(${name}));`, '#endif'];
}

function probeProgram(): string {
  const body = layouts.flatMap((l) => {
    const members = l.members.map((m) => m.member);
    return [...structProbe('mine', l.name, members), ...(kernelStructs.has(l.name) ? structProbe('kernel', l.name, members) : [])];
  });
  return [
    '#define _GNU_SOURCE',
    '#include <fcntl.h>',
    '#include <stddef.h>',
    '#include <stdio.h>',
    '#include <linux/fanotify.h>',
    '#include "exported.h"',
    'int main(void) {',
    ...body,
    ...constants.flatMap((c) => constantProbe(c.name)),
    '\treturn 0;',
    '}',
    '',
  ].join('\n');
}

function parse(stdout: string): void {
  for (const line of stdout.trim().split('\n')) {
    const [side, kind, name, a, b] = line.split(' ') as [string, string, string, string, string];
    const report = side === 'mine' ? mine : kernel;
    if (kind === 'struct') report.structs.set(name, { sizeof: Number(a), align: Number(b) });
    else if (kind === 'member') report.members.set(name, { offset: Number(a), size: Number(b) });
    else report.constants.set(name, BigInt(a));
  }
}

beforeAll(() => {
  if (!fs.existsSync(GCC)) throw new Error(`${GCC} is missing: the c-header test compiles the exported header (install gcc and linux-libc-dev)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fanotify-codec-c-header-'));
  fs.writeFileSync(path.join(tmp, 'exported.h'), exportCHeader({ prefix: PREFIX }));
  const include = path.join(tmp, 'include.c');
  fs.writeFileSync(include, '#define _GNU_SOURCE\n#include <fcntl.h>\n#include <linux/fanotify.h>\n');
  const preprocessed = execFileSync(GCC, ['-E', include], { encoding: 'utf8' });
  kernelStructs = new Set([...preprocessed.matchAll(/struct\s+(\w+)\s*\{/g)].map((m) => m[1]!));
  parse(compile(probeProgram(), 'probe'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('layouts', () => {
  it.each(layouts.map((l) => [l.name, l] as const))('%s: the exported struct is laid out as spec/', (name, layout) => {
    expect(mine.structs.get(name)).toEqual({ sizeof: layout.schema.layout.sizeof, align: layout.schema.layout.align });
    for (const { field, member } of layout.members) {
      const spec = layout.schema.layout.fields.find((f) => f.name === field)!;
      expect({ [member]: mine.members.get(`${name}.${member}`) }).toEqual({ [member]: { offset: spec.offset, size: (spec.field as { size: number }).size } });
    }
  });

  it.each(layouts.map((l) => [l.name, l] as const))('%s: matches the installed header where it declares it', (name, layout) => {
    if (!kernelStructs.has(name)) {
      // Newer than the installed header: compared with spec/ above, and reported here.
      expect(kernel.structs.has(name)).toBe(false);
      return;
    }
    expect(mine.structs.get(name)).toEqual(kernel.structs.get(name));
    for (const { member } of layout.members) expect({ [member]: mine.members.get(`${name}.${member}`) }).toEqual({ [member]: kernel.members.get(`${name}.${member}`) });
  });

  it('the installed header declares most of them', () => {
    const checked = layouts.filter((l) => kernelStructs.has(l.name)).map((l) => l.name);
    const newer = layouts.filter((l) => !kernelStructs.has(l.name)).map((l) => l.name);
    console.info(`export c-header: ${checked.length} structs checked against the installed header, ${newer.length} against spec/ only [${newer.join(', ')}]`);
    expect(checked.length).toBeGreaterThanOrEqual(7);
  });
});

describe('constants', () => {
  it('every spec constant is exported with its spec value', () => {
    expect([...mine.constants]).toEqual(constants.map((c) => [c.name, c.value]));
  });

  it('every constant the installed header defines has the same value', () => {
    const both = [...kernel.constants].map(([name, value]) => [name, mine.constants.get(name), value]);
    expect(both.filter(([, a, b]) => a !== b)).toEqual([]);
    const newer = constants.filter((c) => !kernel.constants.has(c.name)).map((c) => c.name);
    console.info(`export c-header: ${kernel.constants.size} constants checked against the installed header, ${newer.length} against spec/ only [${newer.join(', ')}]`);
    expect(kernel.constants.size).toBeGreaterThan(50);
  });
});

describe('the unprefixed header', () => {
  it('compiles on its own and declares the kernel names', () => {
    fs.writeFileSync(path.join(tmp, 'plain.h'), exportCHeader());
    const out = compile('#include <stdio.h>\n#include "plain.h"\nint main(void) { struct fanotify_event_info_mnt m; printf("%zu %d\\n", sizeof m, FAN_EVENT_INFO_TYPE_MNT); return 0; }\n', 'plain');
    expect(out).toBe('16 7\n');
  });

  it('refuses to be mixed with <linux/fanotify.h>', () => {
    const file = path.join(tmp, 'mixed.c');
    fs.writeFileSync(file, '#include <linux/fanotify.h>\n#include "plain.h"\n');
    const r = spawnSync(GCC, ['-I', tmp, '-c', '-o', '/dev/null', file], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('export it with a prefix');
  });

  it('rejects a prefix that cannot start an identifier', () => {
    expect(() => exportCHeader({ prefix: '1x' })).toThrow(FanotifySchemaExportError);
  });
});
