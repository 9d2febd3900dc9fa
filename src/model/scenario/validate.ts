/**
 * Validation of scenario JSON: structure, types, flag names and references (groups, files,
 * processes, filesystems, namespaces), with the JSON path of every problem.
 *
 * @packageDocumentation
 */
import { FAN_INFO } from '../../generated/constants.js';
import { modelledRelease } from '../../kernel/release.js';
import { unknownNameMessage } from '../../text/nearest.js';
import { NR_OPEN } from '../fd-table.js';
import { ScenarioError } from './scenario-error.js';
import type { Scenario, StepKind } from './types.js';
import { parseErrno, parseFlags, type WordKind } from './words.js';

type FieldKind = 'uid' | 'nofile' | 'pid' | 'handleType' | 'mountId' | 'mode' | 'id' | 'fileType' | 'xattrFlags' | 'fdList' | 'string' | 'path' | 'int' | 'count' | 'bool' | 'handle' | 'errno' | 'auditRule' | 'expect' | 'hex' | `flags:${WordKind}`;
interface FieldSpec {
  readonly kind: FieldKind;
  readonly required?: boolean;
}

const req = (kind: FieldKind): FieldSpec => ({ kind, required: true });
const opt = (kind: FieldKind): FieldSpec => ({ kind });

/** Fields of each step kind (besides `do`, `by`, `tid`, `expect`, `expectFinal`, `note`). */
const STEPS: Record<StepKind, Record<string, FieldSpec>> = {
  fanotify_init: { group: req('string'), flags: req('flags:init'), eventFlags: opt('flags:open') },
  fanotify_mark: { group: req('string'), flags: req('flags:mark'), mask: req('flags:event'), path: opt('path'), mntns: opt('string'), file: opt('string') },
  fanotify_read: { group: req('string'), count: opt('count') },
  fanotify_respond: { group: req('string'), event: opt('count'), fd: opt('int'), response: opt('flags:response'), errno: opt('errno'), auditRule: opt('auditRule'), hex: opt('hex') },
  fionread: { group: req('string') },
  close_group: { group: req('string') },
  open_queue: { group: req('string') },
  close_queue: { group: req('string') },
  close_event_fds: { group: req('string') },
  open: { path: req('path'), flags: opt('flags:open'), as: opt('string'), handle: opt('handle') },
  close: { file: req('string') },
  read: { file: req('string'), count: req('count'), offset: opt('count') },
  write: { file: req('string'), count: req('count'), offset: opt('count') },
  mmap: { file: opt('string'), path: opt('path'), offset: req('count'), length: req('count') },
  truncate: { path: req('path'), length: req('count') },
  ftruncate: { file: req('string'), length: req('count') },
  mkdir: { path: req('path'), handle: opt('handle') },
  mknod: { path: req('path'), type: opt('fileType'), handle: opt('handle') },
  touch: { path: req('path'), handle: opt('handle') },
  write_file: { path: req('path'), count: req('count'), handle: opt('handle') },
  symlink: { path: req('path'), target: req('string'), handle: opt('handle') },
  link: { path: req('path'), target: req('path') },
  unlink: { path: req('path') },
  rmdir: { path: req('path') },
  chmod: { path: req('path'), mode: opt('mode') },
  chown: { path: req('path'), uid: opt('id'), gid: opt('id'), nofollow: opt('bool') },
  utimes: { path: req('path'), atime: opt('bool'), mtime: opt('bool') },
  setxattr: { path: req('path'), name: req('string'), size: opt('count'), flags: opt('xattrFlags') },
  removexattr: { path: req('path'), name: req('string') },
  chattr: { path: req('path') },
  rename: { from: req('path'), to: req('path'), flags: opt('flags:rename') },
  tmpfile: { path: req('path'), link: opt('path'), count: opt('count'), excl: opt('bool'), handle: opt('handle') },
  readdir: { path: req('path') },
  exec: { path: req('path'), runs: opt('bool') },
  fs_error: { fs: req('string'), errno: req('errno'), path: opt('path') },
  mount: { target: req('path'), fs: opt('string'), bind: opt('path'), readOnly: opt('bool'), mountId: opt('mountId') },
  umount: { target: req('path') },
  move_mount: { from: req('path'), to: req('path') },
  setns: { ns: req('string') },
  set_fds: { fds: req('fdList') },
  setrlimit: { nofile: req('nofile') },
  drop_caches: {},
  exit: {},
};

const COMMON: Record<string, FieldSpec> = { by: opt('string'), tid: opt('int'), expect: opt('expect'), expectFinal: opt('expect'), note: opt('string') };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkField(value: unknown, kind: FieldKind, path: string): void {
  const fail = (what: string): never => {
    throw new ScenarioError(path, `expected ${what}, got ${JSON.stringify(value)}`);
  };
  switch (kind) {
    case 'string':
      if (typeof value !== 'string' || value === '') fail('a non-empty string');
      return;
    case 'path':
      if (typeof value !== 'string' || !value.startsWith('/')) fail('an absolute path');
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('an integer');
      return;
    case 'count':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail('a non-negative integer');
      return;
    case 'uid':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xfffffffe) fail('a uid/gid from 0 to 2^32-2');
      return;
    case 'nofile':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > NR_OPEN) fail(`an RLIMIT_NOFILE from 0 to ${NR_OPEN}`);
      return;
    case 'pid':
      // pid_t: metadata.pid is a signed 32-bit field; 0 is no process.
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 0x7fffffff) fail('a pid from 1 to 2^31-1');
      return;
    case 'handleType':
      // The kernel keeps a fid's type in a u8 (struct fanotify_fh); 255 is FILEID_INVALID.
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) fail('a handle type from 0 to 255');
      return;
    case 'bool':
      if (typeof value !== 'boolean') fail('true or false');
      return;
    case 'mode':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0o7777) fail('a mode in [0, 0o7777]');
      return;
    case 'id':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -1 || value > 0xfffffffe) fail('a uid/gid, or -1 for unchanged');
      return;
    case 'fileType':
      if (value !== 'file' && value !== 'fifo') fail("'file' or 'fifo'");
      return;
    case 'xattrFlags':
      if (value !== 'create' && value !== 'replace') fail("'create' or 'replace'");
      return;
    case 'mountId':
      if (!(typeof value === 'number' && Number.isSafeInteger(value) && value > 0) && !(typeof value === 'string' && /^[0-9]+$/.test(value))) fail('a positive integer or decimal string');
      return;
    case 'fdList':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0)) fail('a list of fds');
      return;
    case 'hex':
      if (typeof value !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(value)) fail('hex bytes');
      return;
    case 'handle':
      if (!isObject(value)) fail('a handle {"type": n, "hex": "…"}');
      checkField((value as Record<string, unknown>)['type'], 'handleType', `${path}.type`);
      checkField((value as Record<string, unknown>)['hex'], 'hex', `${path}.hex`);
      return;
    case 'errno':
      if (typeof value !== 'string' && typeof value !== 'number') fail('an errno name or number');
      parseErrno(value as string | number, path);
      return;
    case 'auditRule': {
      if (!isObject(value)) fail('{"rule_number", "subj_trust", "obj_trust"}');
      for (const k of ['rule_number', 'subj_trust', 'obj_trust']) checkField((value as Record<string, unknown>)[k], 'count', `${path}.${k}`);
      return;
    }
    case 'expect':
      if (typeof value === 'number' && Number.isInteger(value)) return;
      if (typeof value === 'string' && (value === 'ok' || value === 'blocked')) return;
      if (typeof value === 'string') {
        parseErrno(value, path);
        return;
      }
      fail(`'ok', 'blocked', an errno name or a number`);
      return;
    default: {
      if (typeof value !== 'number' && typeof value !== 'string' && !(Array.isArray(value) && value.every((w) => typeof w === 'string' || typeof w === 'number'))) {
        fail('flag names (a list of strings), one name, a number or a "0x…" string');
      }
      const wordKind = kind.slice('flags:'.length) as WordKind;
      // Only the event mask is 64 bits wide; init, mark, response and open flags are 32-bit arguments.
      if (wordKind !== 'event' && parseFlags(value as never, wordKind, path) > 0xffff_ffffn) fail('flags that fit 32 bits');
      else parseFlags(value as never, wordKind, path);
    }
  }
}

function checkObject(value: unknown, fields: Record<string, FieldSpec>, path: string, custom: ReadonlySet<string> = new Set()): Record<string, unknown> {
  if (!isObject(value)) throw new ScenarioError(path, `expected an object, got ${JSON.stringify(value)}`);
  for (const key of Object.keys(value)) if (!(key in fields)) throw new ScenarioError(`${path}.${key}`, unknownNameMessage('field', key, Object.keys(fields)));
  for (const [key, spec] of Object.entries(fields)) {
    if (custom.has(key)) continue;
    const v = value[key];
    if (v === undefined) {
      if (spec.required) throw new ScenarioError(`${path}.${key}`, 'missing required field');
      continue;
    }
    checkField(v, spec.kind, `${path}.${key}`);
  }
  return value;
}

function checkFsid(value: unknown, path: string): void {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 32)) {
    throw new ScenarioError(path, `expected [val0, val1] (two 32-bit integers), got ${JSON.stringify(value)}`);
  }
}

function checkList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ScenarioError(path, `expected a list, got ${JSON.stringify(value)}`);
  return value;
}

function unique(seen: Set<string>, name: string, path: string, what: string): void {
  if (seen.has(name)) throw new ScenarioError(path, `duplicate ${what} '${name}'`);
  seen.add(name);
}

const TOP_FIELDS = new Set(['description', 'byteOrder', 'kernel', 'sysctl', 'experimental', 'filesystems', 'namespaces', 'tree', 'processes', 'steps']);

/**
 * Checks `json` and returns it typed as a {@link Scenario}.
 *
 * @throws {@link ScenarioError} with the JSON path of the first problem.
 * @public
 */
export function validateScenario(json: unknown): Scenario {
  if (!isObject(json)) throw new ScenarioError('$', 'a scenario is a JSON object');
  for (const key of Object.keys(json)) if (!TOP_FIELDS.has(key)) throw new ScenarioError(`$.${key}`, unknownNameMessage('field', key, TOP_FIELDS));
  if (json['description'] !== undefined) checkField(json['description'], 'string', '$.description');
  if (json['byteOrder'] !== undefined && !['little', 'big', 'host'].includes(json['byteOrder'] as string)) {
    throw new ScenarioError('$.byteOrder', `expected 'little', 'big' or 'host', got ${JSON.stringify(json['byteOrder'])}`);
  }
  if (json['sysctl'] !== undefined) checkObject(json['sysctl'], { maxQueuedEvents: opt('count'), maxUserGroups: opt('count'), maxUserMarks: opt('count') }, '$.sysctl');
  if (json['kernel'] !== undefined) {
    const release = typeof json['kernel'] === 'string' ? modelledRelease(json['kernel']) : `expected a release string such as "6.1", got ${JSON.stringify(json['kernel'])}`;
    if (typeof release === 'string') throw new ScenarioError('$.kernel', release);
  }
  if (json['experimental'] !== undefined) checkObject(json['experimental'], { restartableEvents: opt('bool') }, '$.experimental');

  const namespaces = new Set(['init']);
  checkList(json['namespaces'] ?? [], '$.namespaces').forEach((ns, i) => {
    const at = `$.namespaces[${i}]`;
    const o = checkObject(ns, { name: req('string'), from: opt('string') }, at);
    if (o['from'] !== undefined && !namespaces.has(o['from'] as string)) throw new ScenarioError(`${at}.from`, `unknown namespace '${String(o['from'])}'`);
    unique(namespaces, o['name'] as string, `${at}.name`, 'namespace');
  });

  const filesystems = new Set(['rootfs']);
  checkList(json['filesystems'] ?? [], '$.filesystems').forEach((fs, i) => {
    const at = `$.filesystems[${i}]`;
    const o = checkObject(
      fs,
      {
        name: req('string'),
        type: req('string'),
        mountAt: opt('path'),
        fsid: opt('string'),
        handleType: opt('handleType'),
        handleBytes: opt('count'),
        allowHsm: opt('bool'),
        readOnly: opt('bool'),
        mountId: opt('mountId'),
        rootIno: opt('count'),
        rootHandle: opt('handle'),
      } as Record<string, FieldSpec>,
      at,
      new Set(['fsid']),
    );
    if (o['fsid'] !== undefined) checkFsid(o['fsid'], `${at}.fsid`);
    const hb = o['handleBytes'] as number | undefined;
    if (hb !== undefined && (hb % 4 !== 0 || hb < 4 || hb > 128)) throw new ScenarioError(`${at}.handleBytes`, 'must be a multiple of 4 in [4, 128]');
    unique(filesystems, o['name'] as string, `${at}.name`, 'filesystem');
  });

  checkList(json['tree'] ?? [], '$.tree').forEach((obj, i) => {
    const at = `$.tree[${i}]`;
    const o = checkObject(obj, { path: req('path'), type: req('string'), size: opt('count'), target: opt('string'), mode: opt('mode'), handle: opt('handle'), ns: opt('string') }, at);
    if (!['dir', 'file', 'symlink'].includes(o['type'] as string)) throw new ScenarioError(`${at}.type`, `expected 'dir', 'file' or 'symlink', got ${JSON.stringify(o['type'])}`);
    if (o['ns'] !== undefined && !namespaces.has(o['ns'] as string)) throw new ScenarioError(`${at}.ns`, `unknown namespace '${String(o['ns'])}'`);
  });

  const processes = new Set<string>();
  const pids = new Set<string>();
  checkList(json['processes'] ?? [], '$.processes').forEach((p, i) => {
    const at = `$.processes[${i}]`;
    const o = checkObject(p, { name: req('string'), pid: req('pid'), tids: opt('string'), fds: opt('string'), privileged: opt('bool'), uid: opt('uid'), gid: opt('uid'), nofile: opt('nofile'), ns: opt('string') } as Record<string, FieldSpec>, at, new Set(['tids', 'fds']));
    for (const list of ['tids', 'fds']) {
      if (o[list] !== undefined) checkList(o[list], `${at}.${list}`).forEach((v, j) => checkField(v, list === 'tids' ? 'pid' : 'count', `${at}.${list}[${j}]`));
    }
    if (o['ns'] !== undefined && !namespaces.has(o['ns'] as string)) throw new ScenarioError(`${at}.ns`, `unknown namespace '${String(o['ns'])}'`);
    unique(processes, o['name'] as string, `${at}.name`, 'process');
    unique(pids, String(o['pid']), `${at}.pid`, 'pid');
  });
  if (processes.size === 0) processes.add('main');

  const groups = new Set<string>();
  const files = new Set<string>();
  const steps = checkList(json['steps'], '$.steps');
  steps.forEach((step, i) => {
    const at = `$.steps[${i}]`;
    if (!isObject(step)) throw new ScenarioError(at, `expected an object, got ${JSON.stringify(step)}`);
    const kind = step['do'];
    if (typeof kind !== 'string' || !(kind in STEPS)) {
      throw new ScenarioError(`${at}.do`, typeof kind === 'string' ? unknownNameMessage('step', kind, Object.keys(STEPS)) : `expected a step name, got ${JSON.stringify(kind)}`);
    }
    const o = checkObject(step, { do: req('string'), ...COMMON, ...STEPS[kind as StepKind] }, at);
    if (o['by'] !== undefined && !processes.has(o['by'] as string)) throw new ScenarioError(`${at}.by`, `unknown process '${String(o['by'])}'`);
    if (o['ns'] !== undefined && !namespaces.has(o['ns'] as string)) throw new ScenarioError(`${at}.ns`, `unknown namespace '${String(o['ns'])}'`);
    if (o['mntns'] !== undefined && !namespaces.has(o['mntns'] as string)) throw new ScenarioError(`${at}.mntns`, `unknown namespace '${String(o['mntns'])}'`);
    if (o['fs'] !== undefined && !filesystems.has(o['fs'] as string)) throw new ScenarioError(`${at}.fs`, `unknown filesystem '${String(o['fs'])}'`);
    if (kind === 'fanotify_init') groups.add(o['group'] as string);
    else if (typeof o['group'] === 'string' && !groups.has(o['group'])) throw new ScenarioError(`${at}.group`, `group '${o['group']}' is not created by an earlier fanotify_init step`);
    if (typeof o['file'] === 'string' && !files.has(o['file'])) throw new ScenarioError(`${at}.file`, `file '${o['file']}' is not opened by an earlier open step ("as")`);
    if (kind === 'open' && typeof o['as'] === 'string') files.add(o['as']);
    if (kind === 'fanotify_mark' && [o['path'], o['mntns'], o['file']].filter((v) => v !== undefined).length > 1) {
      throw new ScenarioError(at, 'give at most one of path, mntns and file');
    }
    if (kind === 'fanotify_respond') {
      if (o['hex'] === undefined && o['response'] === undefined && o['errno'] === undefined) throw new ScenarioError(at, 'give response (and/or errno), or hex');
      if (o['hex'] === undefined && (o['event'] === undefined) === (o['fd'] === undefined)) throw new ScenarioError(at, 'give exactly one of event and fd');
      const info = o['response'] !== undefined && (parseFlags(o['response'] as never, 'response', `${at}.response`) & BigInt(FAN_INFO)) !== 0n;
      if (info && o['auditRule'] === undefined) throw new ScenarioError(`${at}.auditRule`, 'FAN_INFO needs the audit rule its record carries');
    }
    if (kind === 'mmap' && (o['file'] === undefined) === (o['path'] === undefined)) throw new ScenarioError(at, 'give exactly one of file and path');
    if (kind === 'mount' && (o['fs'] === undefined) === (o['bind'] === undefined)) throw new ScenarioError(at, 'give exactly one of fs and bind');
  });
  return json as unknown as Scenario;
}
