/**
 * Kernel conformance: uapi-layout.c is compiled with gcc against the installed
 * `<linux/fanotify.h>` and prints the real sizeof/offsetof/alignof of every struct the header
 * declares and the value of every spec constant; spec/ must agree with all of it. What the
 * header is too old to declare is listed as "not checked", and that list must be exactly what the
 * spec dates after the header's release — so nothing passes silently. The header is also searched
 * for constants and structs spec/ does not know.
 *
 * gcc is required: without it this suite fails (CI installs it; see the report in beforeAll).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allConstantGroups } from '../../spec/codegen/render-constants.js';
import {
  __kernel_fsid_t,
  fanotify_event_info_error,
  fanotify_event_info_fid,
  fanotify_event_info_header,
  fanotify_event_info_mnt,
  fanotify_event_info_pidfd,
  fanotify_event_info_range,
  fanotify_event_metadata,
  fanotify_response,
  fanotify_response_info_audit_rule,
  fanotify_response_info_header,
  fidNameRecordStruct,
  fidRecordStruct,
  file_handle,
  kernelRecords,
  type StructSchema,
} from '../../src/entries/schema.js';

const GCC = '/usr/bin/gcc';
const here = path.dirname(fileURLToPath(import.meta.url));

const HDR = { info_type: 'hdr.info_type', pad: 'hdr.pad', len: 'hdr.len' };

/** Each spec struct, the C struct it describes, and spec field → C member where the names differ. */
const STRUCTS: readonly { spec: StructSchema; c: string; members?: Record<string, string> }[] = [
  { spec: fanotify_event_metadata, c: 'fanotify_event_metadata' },
  { spec: fanotify_event_info_header, c: 'fanotify_event_info_header' },
  { spec: __kernel_fsid_t, c: '__kernel_fsid_t' },
  // The spec flattens the embedded `struct fanotify_event_info_header hdr` into its fields.
  { spec: fanotify_event_info_fid, c: 'fanotify_event_info_fid', members: HDR },
  { spec: file_handle, c: 'file_handle' },
  { spec: fanotify_event_info_pidfd, c: 'fanotify_event_info_pidfd', members: HDR },
  { spec: fanotify_event_info_error, c: 'fanotify_event_info_error', members: HDR },
  // The range struct's own `pad` is `range_pad` in the schema (the flattened header has `pad`).
  { spec: fanotify_event_info_range, c: 'fanotify_event_info_range', members: { ...HDR, range_pad: 'pad' } },
  { spec: fanotify_event_info_mnt, c: 'fanotify_event_info_mnt', members: HDR },
  { spec: fanotify_response, c: 'fanotify_response' },
  { spec: fanotify_response_info_header, c: 'fanotify_response_info_header' },
  { spec: fanotify_response_info_audit_rule, c: 'fanotify_response_info_audit_rule', members: { type: 'hdr.type', pad: 'hdr.pad', len: 'hdr.len' } },
];

/**
 * Names the header defines that are not spec constants, and why. Anything else the header
 * defines must be in spec/.
 */
const HEADER_ONLY: Readonly<Record<string, string>> = {
  FAN_EVENT_OK: 'function-like framing macro; its rule is the decoder’s event_len validation',
  FAN_EVENT_NEXT: 'function-like framing macro; its rule is the decoder’s event_len framing',
};

/**
 * Spec constants whose presence in a header does not follow from their `since` (stable
 * backports, renames), and why. Empty: on the installed header every absence is explained by
 * `since` alone.
 */
const PRESENCE_EXCEPTIONS: Readonly<Record<string, string>> = {};

interface Probe {
  readonly headerVersion: readonly [number, number, number];
  readonly structs: Map<string, { sizeof: number; align: number }>;
  readonly members: Map<string, { offset: number; size: number }>;
  readonly flex: Map<string, number>;
  readonly absent: Map<string, string>;
  readonly constants: Map<string, bigint>;
  readonly missing: Set<string>;
  /** Object-like FAN_* / FANOTIFY_* macros and function-like ones, from `gcc -E -dM`. */
  readonly headerMacros: Set<string>;
  /** `struct fanotify_*` types the preprocessed header defines. */
  readonly headerStructs: Set<string>;
}

const specConstants = new Map<string, { value: number | bigint; since: string }>(allConstantGroups.flatMap((g) => Object.entries(g.entries).map(([name, spec]) => [name, spec] as const)));

function constantsHeader(): string {
  return [...specConstants.keys()].map((name) => `#ifdef ${name}\n\tCONSTANT_PRESENT(${name});\n#else\n\tCONSTANT_MISSING(${name});\n#endif`).join('\n') + '\n';
}

function parseProbe(stdout: string, macros: string, preprocessed: string): Probe {
  const probe: Probe = {
    headerVersion: [0, 0, 0],
    structs: new Map(),
    members: new Map(),
    flex: new Map(),
    absent: new Map(),
    constants: new Map(),
    missing: new Set(),
    headerMacros: new Set([...macros.matchAll(/^#define\s+((?:FAN_|FANOTIFY_)\w+)/gm)].map((m) => m[1]!)),
    headerStructs: new Set([...preprocessed.matchAll(/struct\s+(fanotify_\w+)\s*\{/g)].map((m) => m[1]!)),
  };
  for (const line of stdout.trim().split('\n')) {
    const [kind, a, b, c, d] = line.split(' ');
    if (kind === 'header') {
      const code = Number(a);
      (probe as { headerVersion: readonly [number, number, number] }).headerVersion = [code >> 16, (code >> 8) & 0xff, code & 0xff];
    } else if (kind === 'struct') probe.structs.set(a!, { sizeof: Number(b), align: Number(c) });
    else if (kind === 'member') probe.members.set(`${a}.${b}`, { offset: Number(c), size: Number(d) });
    else if (kind === 'flex') probe.flex.set(`${a}.${b}`, Number(c));
    else if (kind === 'absent') probe.absent.set(a!, b!);
    else if (kind === 'const') probe.constants.set(a!, BigInt(b!));
    else if (kind === 'missing') probe.missing.add(a!);
    else throw new Error(`unexpected probe line: ${line}`);
  }
  return probe;
}

/** Whether a `since` release ('5.9', '2.6.37') is newer than the header's major.minor. */
function isAfter(since: string, [major, minor]: readonly [number, number, number]): boolean {
  const [sMajor = 0, sMinor = 0] = since.split('.').map(Number);
  return sMajor > major || (sMajor === major && sMinor > minor);
}

let tmp = '';
let probe: Probe;

beforeAll(() => {
  if (!fs.existsSync(GCC)) throw new Error(`${GCC} is missing: the uapi conformance test compiles a C program against <linux/fanotify.h> (install gcc and linux-libc-dev)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fanotify-codec-uapi-'));
  fs.writeFileSync(path.join(tmp, 'spec-constants.h'), constantsHeader());
  const exe = path.join(tmp, 'uapi-layout');
  execFileSync(GCC, ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-I', tmp, '-o', exe, path.join(here, 'uapi-layout.c')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = execFileSync(exe, { encoding: 'utf8' });
  const include = path.join(tmp, 'include-fanotify.c');
  fs.writeFileSync(include, '#include <linux/fanotify.h>\n');
  const macros = execFileSync(GCC, ['-E', '-dM', include], { encoding: 'utf8' });
  const preprocessed = execFileSync(GCC, ['-E', include], { encoding: 'utf8' });
  probe = parseProbe(stdout, macros, preprocessed);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('struct layouts', () => {
  it.each(STRUCTS.map((s) => [s.c, s] as const))('%s matches spec/ (or the header predates it)', (_, { spec, c, members = {} }) => {
    const actual = probe.structs.get(c);
    if (!actual) {
      // Not checkable here: the header is too old to declare it. That must be explained by spec/.
      const guard = probe.absent.get(c);
      expect(guard, `${c} is neither declared nor reported absent`).toBeDefined();
      expect(probe.missing.has(guard!)).toBe(true);
      expect(isAfter(specConstants.get(guard!)!.since, probe.headerVersion)).toBe(true);
      return;
    }
    expect({ sizeof: actual.sizeof, align: actual.align }).toEqual({ sizeof: spec.layout.sizeof, align: spec.layout.align });
    const fixed = spec.layout.fields.filter((f) => f.offset !== undefined);
    const expectedMembers = Object.fromEntries(fixed.map((f) => [members[f.name] ?? f.name, { offset: f.offset, size: (f.field as { size: number }).size }]));
    const actualMembers = Object.fromEntries([...probe.members].filter(([key]) => key.startsWith(`${c}.`)).map(([key, v]) => [key.slice(c.length + 1), v]));
    expect(actualMembers).toEqual(expectedMembers);
    // Flexible array members start where the fixed part ends (the spec's variable-length tail).
    for (const [key, offset] of probe.flex) if (key.startsWith(`${c}.`)) expect({ [key]: offset }).toEqual({ [key]: spec.layout.fixedEnd });
  });

  it('fid records are fanotify_event_info_fid followed by struct file_handle at offsetof(handle)', () => {
    const handleAt = probe.flex.get('fanotify_event_info_fid.handle')!;
    expect(handleAt).toBe(12);
    for (const record of [fidRecordStruct, fidNameRecordStruct]) {
      for (const name of ['handle_bytes', 'handle_type']) {
        const inRecord = record.layout.fields.find((f) => f.name === name)!.offset;
        expect({ [name]: inRecord }).toEqual({ [name]: handleAt + probe.members.get(`file_handle.${name}`)!.offset });
      }
      expect(record.layout.fixedEnd).toBe(handleAt + probe.flex.get('file_handle.f_handle')!);
    }
  });

  it('the header declares no fanotify struct spec/ does not describe', () => {
    const known = new Set(STRUCTS.map((s) => s.c));
    expect([...probe.headerStructs].filter((s) => !known.has(s))).toEqual([]);
  });
});

describe('constants', () => {
  it('every constant the header defines has the spec value', () => {
    const wrong = [...probe.constants].filter(([name, value]) => BigInt(specConstants.get(name)!.value) !== value);
    expect(wrong).toEqual([]);
    expect(probe.constants.size).toBeGreaterThan(50);
  });

  it('the constants the header lacks are exactly those spec/ dates after the header ("not checked")', () => {
    const notChecked = [...probe.missing].sort();
    const expected = [...specConstants]
      .filter(([name, spec]) => isAfter(spec.since, probe.headerVersion) !== (name in PRESENCE_EXCEPTIONS))
      .map(([name]) => name)
      .sort();
    const absentStructs = [...probe.absent.keys()].sort();
    console.info(
      `uapi header ${probe.headerVersion.join('.')}: ${probe.constants.size} constants and ${probe.structs.size} structs checked; not checked (the header predates them): ` +
        `${absentStructs.length} structs [${absentStructs.join(', ')}], ${notChecked.length} constants [${notChecked.join(', ')}]`,
    );
    expect(notChecked).toEqual(expected);
    expect(probe.constants.size + probe.missing.size).toBe(specConstants.size);
  });

  it('the header defines no constant spec/ does not know (except documented macros)', () => {
    const unknown = [...probe.headerMacros].filter((name) => !specConstants.has(name) && !(name in HEADER_ONLY));
    expect(unknown).toEqual([]);
    for (const name of Object.keys(HEADER_ONLY)) expect(probe.headerMacros.has(name), `${name} is documented as header-only`).toBe(true);
  });

  it('the kernel record schemas use the header’s info types', () => {
    for (const record of kernelRecords) {
      const value = probe.constants.get(record.constantName);
      if (value === undefined) expect(probe.missing.has(record.constantName)).toBe(true);
      else expect({ [record.constantName]: BigInt(record.infoType) }).toEqual({ [record.constantName]: value });
    }
  });
});
