/**
 * Runs a scenario template against the real kernel and returns the bytes every read returned,
 * plus the same scenario *instantiated* with everything the model cannot know: the real fsids,
 * file handles, mount ids, pids, the reader's open fds before each step, and every step's real
 * return value as its `expect`. Feeding that scenario to the model must reproduce the bytes.
 *
 * Operations run in this process (Node's synchronous fs calls, on the main thread, so pid ==
 * tid) or in child processes (child-op.mjs, one per scenario process), mount operations in
 * short-lived `mount(8)` processes; reads happen only when the scenario says so.
 */
import { execFileSync, spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import os from 'node:os';
import type { Readable, Writable } from 'node:stream';
import * as fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { decodeEventObjects, encodeResponse, FAN_DENY_ERRNO } from '../../../src/index.js';
import type { NativeBinding } from '../../../src/live/native/binding.js';
import { FANOTIFY_PERM_EVENTS } from '../../../src/kernel/bits.js';
import { errnoName } from '../../../src/kernel/errno.js';
import { fsopPath, runFsop, startFsop, type FsopRun } from './fsop.js';
import { parseErrno, parseFlags, type Scenario, type ScenarioProcess, type ScenarioStep } from '../../../src/model/index.js';

const AT_FDCWD = -100;
const AT_HANDLE_FID = 0x200;
const AT_SYMLINK_FOLLOW = 0x400;
const CHILD_OP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child-op.mjs');
/** FANOTIFY_PERM_EVENTS: events a listener must answer. */
const PERM_MASK = BigInt(FANOTIFY_PERM_EVENTS);
/** Upper bound for waiting on another process (a failure guard, not a timing assumption). */
const WAIT_MS = 20_000;

/** A real directory standing for a scenario filesystem's mount point. */
export interface FsBinding {
  /** Directory on the real filesystem that plays the scenario's `mountAt`. */
  readonly dir: string;
  /** Mount point of the real filesystem (for remount,abort). */
  readonly mountpoint: string;
}

/** What the real kernel produced. */
export interface LiveRun {
  readonly scenario: Scenario;
  readonly stream: Uint8Array;
  readonly reads: readonly { readonly step: number; readonly result: number; readonly length: number }[];
}

interface Child {
  readonly proc: ChildProcessByStdio<Writable, Readable, null>;
  readonly lines: AsyncIterator<string>;
  readonly pid: number;
  pending: Promise<number> | null;
  exited: Promise<void>;
}

/**
 * This process's open fds. At its RLIMIT_NOFILE `/proc/self/fd` cannot be opened: then every fd
 * below `bound` is probed instead (fstat opens nothing).
 */
function openFds(bound = 0): number[] {
  let listed: number[];
  try {
    listed = fs.readdirSync('/proc/self/fd').map(Number);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EMFILE' || bound === 0) throw error;
    listed = Array.from({ length: bound }, (_, fd) => fd);
  }
  return listed
    .filter((fd) => {
      try {
        fs.fstatSync(fd);
        return true;
      } catch {
        return false;
      }
    })
    .sort((a, b) => a - b);
}

/**
 * The RLIMIT_NOFILE that leaves exactly `free` fds below it unused, given the open ones (the
 * kernel hands out the lowest free fd below the limit, holes first).
 */
function limitLeaving(free: number, open: readonly number[]): number {
  const used = new Set(open);
  let limit = 0;
  for (let left = free; left > 0 || used.has(limit); limit++) if (!used.has(limit)) left--;
  return limit;
}

/**
 * A shell started while this process can still open fds, which later runs `prlimit` on this
 * process: once its RLIMIT_NOFILE is lowered it can no longer spawn anything (pipes need fds),
 * but it can still write to this shell's stdin. Remembers the soft limit to restore.
 */
class NofileLimiter {
  private readonly proc = spawn('sh', [], { stdio: ['pipe', 'pipe', 'inherit'] });
  private readonly lines = readline.createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  /** The soft limit before the first change. */
  readonly original = /^Max open files\s+(\d+)/m.exec(fs.readFileSync('/proc/self/limits', 'utf8'))?.[1];

  /** Sets this process's soft RLIMIT_NOFILE (the hard limit stays). */
  async set(limit: number | string): Promise<void> {
    this.proc.stdin.write(`prlimit --pid ${process.pid} --nofile=${limit}: && echo ok || echo failed\n`);
    const r = await withTimeout(this.lines.next(), 'prlimit');
    if (r.value !== 'ok') throw new Error(`prlimit --nofile=${limit} failed`);
  }

  /** Restores the original limit and ends the shell. */
  async restore(): Promise<void> {
    if (this.original === undefined) throw new Error('no soft RLIMIT_NOFILE in /proc/self/limits');
    await this.set(this.original);
    this.proc.stdin.end();
  }
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([p, guard]).finally(() => clearTimeout(timer));
}

/** Runs `template` on the real kernel. */
export async function runLive(
  b: NativeBinding,
  template: Scenario,
  bindings: ReadonlyMap<string, FsBinding>,
  options: { readonly preexisting?: ReadonlyMap<string, { type: number; hex: string }> } = {},
): Promise<LiveRun> {
  const osErrno = os.constants.errno as Record<string, number>;
  const errnoOfCode = (error: unknown): number => {
    // Node's negative errno, also for errnos it has no name for (EUCLEAN).
    const errno = (error as { errno?: unknown }).errno;
    if (typeof errno === 'number' && errno < 0) return errno;
    const code = (error as { code?: unknown }).code;
    const n = typeof code === 'string' ? osErrno[code] : undefined;
    if (n === undefined) throw error;
    return -n;
  };

  const fsList = (template.filesystems ?? []).filter((f) => f.mountAt !== undefined);
  const real = (p: string): string => {
    let best: { mountAt: string; dir: string } | undefined;
    for (const f of fsList) {
      const m = f.mountAt!;
      if ((p === m || p.startsWith(m + '/')) && (!best || m.length > best.mountAt.length)) best = { mountAt: m, dir: bindings.get(f.name)!.dir };
    }
    if (!best) throw new Error(`path ${p} is outside the scenario's filesystems`);
    return best.dir + p.slice(best.mountAt.length);
  };
  const handleOf = (realPath: string, follow = false): { type: number; hex: string } | undefined => {
    // AT_SYMLINK_FOLLOW: an open with O_CREAT through a symlink creates the link's target.
    const h = b.nameToHandleAt(AT_FDCWD, realPath, AT_HANDLE_FID | (follow ? AT_SYMLINK_FOLLOW : 0));
    if (typeof h === 'number') return undefined;
    return { type: h.handleType, hex: Buffer.from(h.handle).toString('hex') };
  };

  const mainName = template.processes?.[0]?.name ?? 'main';
  const outSteps: ScenarioStep[] = [];
  const outProcesses: ScenarioProcess[] = [];
  const groups = new Map<string, { fd: number; control?: number; perm: number[]; received: number[] }>();
  const files = new Map<string, number>();
  const children = new Map<string, Child>();
  /** Helper runs blocked on a permission event, by the template's process (collected at its exit). */
  const blockedHelpers = new Map<string, { readonly name: string; readonly done: Promise<FsopRun>; settled: boolean }>();
  const holders = new Map<string, number>();
  const holderProcs: ReturnType<typeof spawn>[] = [];
  const chunks: Uint8Array[] = [];
  const reads: { step: number; result: number; length: number }[] = [];
  let ephemeral = 0;
  let limiter: NofileLimiter | undefined;
  /** Above every fd this process can have once its limit is lowered. */
  let fdBound = 0;
  const buffer = new Uint8Array(1 << 20);

  // Filesystems: the real fsid, root handle and mount id.
  const outFs = (template.filesystems ?? []).map((f) => {
    if (f.mountAt === undefined) return f;
    const dir = bindings.get(f.name)?.dir;
    if (!dir) throw new Error(`no real filesystem bound to '${f.name}'`);
    const fsid = b.statfsFsid(dir);
    const mountId = b.mountIdUnique(dir);
    if (typeof fsid === 'number' || typeof mountId === 'number') throw new Error(`statfs/statx of ${dir} failed: ${String(fsid)} ${String(mountId)}`);
    const rootHandle = handleOf(dir);
    return { ...f, fsid, mountId: mountId.toString(), ...(rootHandle ? { rootHandle } : {}) };
  });

  // The tree, created for real; files an exec step runs are copies of the static fsop helper.
  const runsImage = new Set(template.steps.flatMap((s) => (s.do === 'exec' && s.runs ? [s.path] : [])));
  const outTree = (template.tree ?? []).map((obj) => {
    const given = options.preexisting?.get(obj.path);
    if (given) return { ...obj, handle: given };
    const p = real(obj.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (obj.type === 'dir') fs.mkdirSync(p);
    else if (obj.type === 'symlink') fs.symlinkSync(obj.target ?? '', p);
    else if (runsImage.has(obj.path)) fs.copyFileSync(fsopPath(), p);
    else fs.writeFileSync(p, Buffer.alloc(obj.size ?? 0, 0x61));
    if (obj.mode !== undefined && obj.type !== 'symlink') fs.chmodSync(p, obj.mode);
    const handle = handleOf(p);
    // An executable image: a copy of the static helper, whose size the model gets.
    return { ...obj, ...(runsImage.has(obj.path) ? { size: fs.statSync(p).size } : {}), ...(handle ? { handle } : {}) };
  });

  const nsOf = (name: string): string | undefined => template.processes?.find((p) => p.name === name)?.ns;
  /** A process with its own uid runs each step in fsop, dropped to that uid ("as UID GID …"). */
  const asUser = (s: ScenarioStep, name: string): string[] | null => {
    const p = template.processes?.find((q) => q.name === name);
    if (p?.uid === undefined) return null;
    const args = s.do === 'open' ? ['open', real(s.path), String(Number(parseFlags(s.flags ?? [], 'open', '')))] : s.do === 'unlink' ? ['unlink', real(s.path)] : fsopArgs(s, real);
    if (!args) throw new Error(`the live runner cannot run '${s.do}' as uid ${p.uid}`);
    return ['as', String(p.uid), String(p.gid ?? 0), ...args];
  };


  async function childFor(name: string): Promise<Child> {
    const existing = children.get(name);
    if (existing) return existing;
    const ns = nsOf(name);
    const argv = ns && ns !== 'init' ? ['nsenter', '-t', String(holders.get(ns)), '-m', '--', process.execPath, CHILD_OP] : [process.execPath, CHILD_OP];
    const proc = spawn(argv[0]!, argv.slice(1), { cwd: '/', stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const lines = readline.createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    const first = await withTimeout(lines.next(), `child '${name}' to start`);
    const pid = (JSON.parse(first.value as string) as { ready: number }).ready;
    const child: Child = { proc, lines, pid, pending: null, exited };
    children.set(name, child);
    outProcesses.push({ name, pid, fds: [0, 1, 2] });
    return child;
  }

  function send(child: Child, step: Record<string, unknown>): Promise<number> {
    child.proc.stdin.write(JSON.stringify(step) + '\n');
    return child.lines.next().then((r) => {
      if (r.done) throw new Error(`child ${child.pid} exited without answering ${JSON.stringify(step)}`);
      return (JSON.parse(r.value as string) as { result: number }).result;
    });
  }

  const queued = (): number => {
    let total = 0;
    for (const g of groups.values()) total += Math.max(0, b.fionread(g.fd));
    return total;
  };

  /** Runs `mount(8)`/`umount(8)` in a fresh process (in `ns`), returning its pid and status. */
  function mountCommand(args: string[], ns: string | undefined): { pid: number; status: number } {
    const script = `echo $$; exec ${args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')}`;
    const argv = ns && ns !== 'init' ? ['nsenter', '-t', String(holders.get(ns)), '-m', '--', 'sh', '-c', script] : ['sh', '-c', script];
    const r = spawnSync(argv[0]!, argv.slice(1), { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = Number(r.stdout.toString().trim().split('\n')[0]);
    return { pid, status: r.status ?? -1 };
  }

  const rootIn = (ns: string | undefined): string => (ns && ns !== 'init' ? `/proc/${holders.get(ns)}/root` : '');

  try {
    // Mount namespaces: a holder process per namespace.
    for (const ns of template.namespaces ?? []) {
      const holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sleep', '3600'], { stdio: 'ignore' });
      holderProcs.push(holder);
      const pid = holder.pid!;
      const own = fs.readlinkSync('/proc/self/ns/mnt');
      await withTimeout(
        (async () => {
          for (;;) {
            try {
              if (fs.readlinkSync(`/proc/${pid}/ns/mnt`) !== own && fs.readlinkSync(`/proc/${pid}/exe`).endsWith('sleep')) return;
            } catch {
              // not yet there
            }
            await new Promise((r) => setTimeout(r, 5));
          }
        })(),
        `unshare holder of ${ns.name}`,
      );
      holders.set(ns.name, pid);
    }

    for (const [index, step] of template.steps.entries()) {
      const by = step.by ?? mainName;
      const isMain = by === mainName;
      const expectReal = (result: number | 'blocked'): void => {
        if (step.expect === undefined) return;
        const ok =
          step.expect === 'blocked'
            ? result === 'blocked'
            : result === 'blocked'
              ? false
              : step.expect === 'ok'
                ? result >= 0
                : typeof step.expect === 'number'
                  ? result === step.expect
                  : result === -parseErrno(step.expect, '');
        if (!ok) throw new Error(`step ${index} (${step.do}): the kernel returned ${result === 'blocked' ? 'blocked' : result < 0 ? errnoName(result) : result}, the template expects ${String(step.expect)}`);
      };
      const record = (s: ScenarioStep, result: number | 'blocked', final?: number): void => {
        expectReal(result);
        // A child's fd numbers depend on Node's own fds in that child: compare success only.
        if (!isMain && s.do === 'open' && typeof result === 'number' && result >= 0) {
          const { expect: _x, ...rest } = s as ScenarioStep & { expect?: unknown };
          void _x;
          outSteps.push({ ...rest, expect: 'ok' } as ScenarioStep);
          return;
        }
        const { expect: _e, expectFinal: _f, ...rest } = s as ScenarioStep & { expect?: unknown; expectFinal?: unknown };
        void _e;
        void _f;
        outSteps.push({
          ...rest,
          expect: result === 'blocked' ? 'blocked' : result < 0 ? errnoName(result) : result,
          ...(final !== undefined ? { expectFinal: final < 0 ? errnoName(final) : final } : {}),
        } as ScenarioStep);
      };
      if (isMain) outSteps.push({ do: 'set_fds', by: mainName, fds: openFds(fdBound) });

      switch (step.do) {
        case 'fanotify_init': {
          const fd = b.init(Number(parseFlags(step.flags, 'init', '')), Number(parseFlags(step.eventFlags ?? [], 'open', '')));
          if (fd >= 0) groups.set(step.group, { fd, perm: [], received: [] });
          record(step, fd);
          break;
        }
        case 'fanotify_mark': {
          const g = groups.get(step.group)!;
          const flags = Number(parseFlags(step.flags, 'mark', ''));
          const mask = parseFlags(step.mask, 'event', '');
          let r: number;
          if (step.mntns !== undefined) r = b.mark(g.control ?? g.fd, flags, mask, AT_FDCWD, step.mntns === 'init' ? '/proc/self/ns/mnt' : `/proc/${holders.get(step.mntns)}/ns/mnt`);
          else if (step.file !== undefined) r = b.mark(g.control ?? g.fd, flags, mask, files.get(step.file)!, null);
          else r = b.mark(g.control ?? g.fd, flags, mask, AT_FDCWD, step.path === undefined ? null : real(step.path));
          record(step, r);
          break;
        }
        case 'fanotify_read': {
          const g = groups.get(step.group)!;
          const count = step.count ?? 65536;
          const n = b.read(g.fd, buffer, 0, count);
          if (n > 0) {
            const bytes = buffer.slice(0, n);
            chunks.push(bytes);
            for (const ev of decodeEventObjects(bytes)) {
              if (ev.fd >= 0) g.received.push(ev.fd);
              if (BigInt(ev.mask) & PERM_MASK) g.perm.push(ev.fd);
              for (const r of ev.info) if (r.type === 'pidfd' && r.pidfd >= 0) g.received.push(r.pidfd);
            }
          }
          reads.push({ step: index, result: n, length: Math.max(0, n) });
          record(step, n);
          break;
        }
        case 'fanotify_respond': {
          const g = groups.get(step.group)!;
          let bytes: Uint8Array;
          if (step.hex !== undefined) bytes = Buffer.from(step.hex, 'hex');
          else {
            const fd = step.event !== undefined ? g.perm[step.event]! : step.fd!;
            let response = Number(parseFlags(step.response ?? [], 'response', ''));
            if (step.errno !== undefined) response = (response | FAN_DENY_ERRNO(parseErrno(step.errno, ''))) >>> 0;
            bytes = encodeResponse({ fd, response, ...(step.auditRule ? { audit_rule: step.auditRule } : {}) });
          }
          const before = Math.max(0, b.fionread(g.fd));
          const r = b.write(g.fd, bytes, 0, bytes.length);
          // An answered helper goes on in the background (an exec reads the file again): wait
          // until it waits on the group's next permission event or has finished, as the model's
          // answer resumes it at once. Templates give such a group permission events only.
          if (r > 0 && blockedHelpers.size > 0) {
            await withTimeout(
              (async () => {
                while (b.fionread(g.fd) <= before && ![...blockedHelpers.values()].some((h) => h.settled)) await new Promise((res) => setTimeout(res, 2));
              })(),
              `the answered helper of step ${index}`,
            );
          }
          record(step, r);
          break;
        }
        case 'fionread':
          record(step, b.fionread(groups.get(step.group)!.fd));
          break;
        case 'drop_caches':
          // Dirty inodes are not on the LRU: write them back first. 3, not 2: an inode with pages in
          // the page cache is not shrinkable (mapping_shrinkable), so 2 alone keeps every file
          // with data (seen here: the mark of a 1-byte file survived "2").
          execFileSync('sync');
          fs.writeFileSync('/proc/sys/vm/drop_caches', '3');
          record(step, 0);
          break;
        case 'setrlimit': {
          // The reader's fd numbers are Node's, so a template's `nofile` is the number of fds left
          // free; the instantiated step carries the absolute limit. Children must be started
          // before (spawning needs fds).
          if (!isMain) throw new Error(`step ${index}: the live runner limits the reader (the first process) only`);
          // The limiter's pipes are fds too: start it before counting.
          limiter ??= new NofileLimiter();
          const open = openFds(fdBound);
          const limit = limitLeaving(step.nofile, open);
          fdBound = Math.max(fdBound, limit, ...open) + 1;
          await limiter.set(limit);
          record({ ...step, nofile: limit }, 0);
          break;
        }
        case 'close_group': {
          const g = groups.get(step.group)!;
          groups.delete(step.group);
          record(step, b.close(g.control ?? g.fd));
          break;
        }
        case 'close_event_fds': {
          const g = groups.get(step.group)!;
          for (const fd of g.received.splice(0)) b.close(fd);
          record(step, 0);
          break;
        }
        case 'mount':
        case 'umount':
        case 'move_mount': {
          const ns = nsOf(by);
          const root = rootIn(ns);
          const args =
            step.do === 'mount'
              ? step.bind !== undefined
                ? ['mount', '--bind', ...(step.readOnly ? ['-o', 'ro'] : []), real(step.bind), real(step.target)]
                : ['mount', '-t', 'tmpfs', 'fanotify-model-test', real(step.target)]
              : step.do === 'umount'
                ? ['umount', real(step.target)]
                : ['mount', '--move', real(step.from), real(step.to)];
          const r = mountCommand(args, ns);
          const name = `${by}~${++ephemeral}`;
          outProcesses.push({ name, pid: r.pid, ...(ns ? { ns } : {}) });
          const withId =
            step.do === 'mount' && r.status === 0
              ? (() => {
                  const id = b.mountIdUnique(root + real(step.target));
                  if (typeof id === 'number') throw new Error(`statx of the new mount failed: ${id}`);
                  return { ...step, mountId: id.toString() };
                })()
              : step;
          record({ ...withId, by: name } as ScenarioStep, r.status === 0 ? 0 : -1);
          outSteps.push({ do: 'exit', by: name });
          break;
        }
        case 'fs_error': {
          const errno = parseErrno(step.errno, '');
          if (step.path === undefined) {
            // A forced shutdown: remount,abort in a mount(8) process.
            const target = [...bindings.entries()].find(([n]) => n === step.fs)?.[1].mountpoint;
            if (!target) throw new Error(`no real filesystem for ${step.fs}`);
            const r = mountCommand(['mount', '-o', 'remount,abort', target], undefined);
            if (r.status !== 0) throw new Error('remount,abort failed');
            const name = `${by}~${++ephemeral}`;
            outProcesses.push({ name, pid: r.pid });
            record({ ...step, by: name } as ScenarioStep, 0);
            outSteps.push({ do: 'exit', by: name });
          } else {
            // An inode the filesystem finds corrupted when it is looked up.
            let r = 0;
            try {
              fs.closeSync(fs.openSync(real(step.path), 'r'));
            } catch (error) {
              r = errnoOfCode(error);
            }
            if (r !== -errno) throw new Error(`opening the corrupted ${step.path} gave ${r}, expected -${errno}`);
            record(step, 0);
          }
          break;
        }
        case 'exit': {
          const helper = blockedHelpers.get(by);
          if (helper) {
            // The helper exits once answered: its final result goes on its blocked step.
            blockedHelpers.delete(by);
            const final = (await withTimeout(helper.done, `the blocked helper of '${by}' to finish`)).result;
            const blocked = outSteps.find((s) => s.by === helper.name) as { expectFinal?: unknown };
            blocked.expectFinal = final < 0 ? errnoName(final) : final;
            outSteps.push({ do: 'exit', by: helper.name });
            if (!children.has(by)) break;
          }
          const child = children.get(by);
          if (!child) throw new Error(`step ${index}: exit of '${by}', which is not a child process`);
          let final: number | undefined;
          if (child.pending) {
            final = await withTimeout(child.pending, `the blocked operation of '${by}' to complete`);
            child.pending = null;
            const last = [...outSteps].reverse().find((s) => s.by === by && s.expect === 'blocked') as (ScenarioStep & { expectFinal?: unknown }) | undefined;
            if (last) (last as { expectFinal?: unknown }).expectFinal = final < 0 ? errnoName(final) : last.do === 'open' ? 'ok' : final;
            if (step.expectFinal !== undefined) throw new Error('put expectFinal on the blocked step');
          }
          child.proc.stdin.write(JSON.stringify({ do: 'exit' }) + '\n');
          await withTimeout(child.exited, `'${by}' to exit`);
          children.delete(by);
          record(step, 0);
          break;
        }
        default: {
          const viaHelper = asUser(step, by) ?? fsopArgs(step, real);
          if (viaHelper) {
            // A system call Node lacks: one fsop process per step, which then exits.
            const name = `${by}~${++ephemeral}`;
            if (step.expect === 'blocked') {
              if (blockedHelpers.has(by)) throw new Error(`step ${index}: '${by}' already has a blocked helper`);
              const before = queued();
              const started = startFsop(viaHelper);
              const helper = { name, done: started.done, settled: false };
              started.done.then(
                () => (helper.settled = true),
                () => (helper.settled = true),
              );
              blockedHelpers.set(by, helper);
              outProcesses.push({ name, pid: started.pid });
              await withTimeout(
                (async () => {
                  while (queued() <= before) await new Promise((r) => setTimeout(r, 2));
                })(),
                `the permission event of step ${index}`,
              );
              record({ ...step, by: name } as ScenarioStep, 'blocked');
              break;
            }
            const r = runFsop(viaHelper);
            // A step on a second thread: the helper's thread becomes the process's other tid.
            const thread = r.tid !== undefined && r.tid !== r.pid ? r.tid : undefined;
            const cred = template.processes?.find((q) => q.name === by && q.uid !== undefined);
            outProcesses.push({ name, pid: r.pid, ...(thread !== undefined ? { tids: [thread] } : {}), ...(cred ? { uid: cred.uid!, gid: cred.gid ?? 0 } : {}) });
            const creates = step.do === 'mknod' || step.do === 'touch' || (step.do === 'open' && (Number(parseFlags(step.flags ?? [], 'open', '')) & 0o100) !== 0);
            const handle = creates && r.result >= 0 ? handleOf(real((step as { path: string }).path)) : r.handle;
            record({ ...step, by: name, ...(thread !== undefined ? { tid: thread } : {}), ...(handle ? { handle } : {}) } as ScenarioStep, r.result);
            outSteps.push({ do: 'exit', by: name });
            break;
          }
          // A filesystem operation, here or in a child.
          const s = step as ScenarioStep & Record<string, unknown>;
          const realStep: Record<string, unknown> = { ...s };
          for (const k of ['path', 'from', 'to']) if (typeof s[k] === 'string') realStep[k] = real(s[k] as string);
          if (s.do === 'link') realStep['target'] = real(s['target'] as string);
          if (s.do === 'open') realStep['flagsNumber'] = Number(parseFlags((s['flags'] as never) ?? [], 'open', ''));
          let result: number | 'blocked';
          if (isMain && step.expect === 'blocked') throw new Error(`step ${index}: only child processes may block (the test process reads the events)`);
          if (isMain) {
            result = runHere(realStep, files, errnoOfCode);
          } else {
            const child = await childFor(by);
            if (step.expect === 'blocked') {
              const before = queued();
              child.pending = send(child, realStep);
              // Observed at the child's exit step; a failure before that must not go unhandled.
              child.pending.catch(() => undefined);
              await withTimeout(
                (async () => {
                  while (queued() <= before) await new Promise((r) => setTimeout(r, 2));
                })(),
                `the permission event of step ${index}`,
              );
              result = 'blocked';
            } else {
              result = await withTimeout(send(child, realStep), `step ${index} in '${by}'`);
            }
          }
          // Objects created by the step: give the model their real handles.
          const created = ['mkdir', 'mknod', 'touch', 'write_file', 'symlink', 'open'].includes(s.do) ? handleOf(realStep['path'] as string, s.do === 'open') : undefined;
          record({ ...step, ...(created && (s.do !== 'open' || (Number(realStep['flagsNumber']) & 0o100) !== 0) ? { handle: created } : {}) } as ScenarioStep, result);
        }
      }
    }
  } finally {
    await limiter?.restore();
    for (const child of children.values()) child.proc.kill('SIGKILL');
    for (const h of holderProcs) h.kill('SIGKILL');
    for (const g of groups.values()) {
      for (const fd of g.received) b.close(fd);
      b.close(g.control ?? g.fd);
    }
    for (const fd of files.values()) fs.closeSync(fd);
  }

  const total = chunks.reduce((n, c) => n + c.length, 0);
  const stream = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    stream.set(c, off);
    off += c.length;
  }
  const mainProcess = template.processes?.[0];
  const scenario: Scenario = {
    ...template,
    byteOrder: 'host',
    filesystems: outFs,
    tree: outTree,
    processes: [{ ...(mainProcess ?? {}), name: mainName, pid: process.pid, fds: [0, 1, 2] }, ...outProcesses],
    steps: outSteps,
  };
  return { scenario, stream, reads };
}

/** Performs one operation step in this process. */
function runHere(step: Record<string, unknown>, files: Map<string, number>, errnoOfCode: (e: unknown) => number): number {
  try {
    switch (step['do']) {
      case 'open': {
        const fd = fs.openSync(step['path'] as string, step['flagsNumber'] as number);
        if (typeof step['as'] === 'string') files.set(step['as'], fd);
        return fd;
      }
      case 'close': {
        const fd = files.get(step['file'] as string)!;
        files.delete(step['file'] as string);
        fs.closeSync(fd);
        return 0;
      }
      case 'read':
        return fs.readSync(files.get(step['file'] as string)!, Buffer.alloc(step['count'] as number), 0, step['count'] as number, (step['offset'] as number | undefined) ?? null);
      case 'write':
        return fs.writeSync(files.get(step['file'] as string)!, Buffer.alloc(step['count'] as number, 0x61), 0, step['count'] as number, (step['offset'] as number | undefined) ?? null);
      case 'ftruncate':
        fs.ftruncateSync(files.get(step['file'] as string)!, step['length'] as number);
        return 0;
      case 'mkdir':
        fs.mkdirSync(step['path'] as string);
        return 0;
      case 'touch':
        fs.closeSync(fs.openSync(step['path'] as string, fs.constants.O_WRONLY | fs.constants.O_CREAT));
        return 0;
      case 'write_file':
        fs.writeFileSync(step['path'] as string, Buffer.alloc(step['count'] as number, 0x61));
        return 0;
      case 'symlink':
        fs.symlinkSync(step['target'] as string, step['path'] as string);
        return 0;
      case 'link':
        fs.linkSync(step['target'] as string, step['path'] as string);
        return 0;
      case 'unlink':
        fs.unlinkSync(step['path'] as string);
        return 0;
      case 'rmdir':
        fs.rmdirSync(step['path'] as string);
        return 0;
      case 'rename':
        fs.renameSync(step['from'] as string, step['to'] as string);
        return 0;
      case 'chmod':
        fs.chmodSync(step['path'] as string, (step['mode'] as number | undefined) ?? 0o640);
        return 0;
      case 'chown':
        (step['nofollow'] ? fs.lchownSync : fs.chownSync)(step['path'] as string, (step['uid'] as number | undefined) ?? -1, (step['gid'] as number | undefined) ?? -1);
        return 0;
      case 'readdir':
        return fs.readdirSync(step['path'] as string).length;
      default:
        throw new Error(`the live runner cannot perform '${String(step['do'])}' (no such system call from Node)`);
    }
  } catch (error) {
    if (error instanceof Error && !('code' in error)) throw error;
    return errnoOfCode(error);
  }
}

/** The fsop arguments of a step Node cannot perform (see fsop.ts), or null. */
function fsopArgs(step: ScenarioStep, real: (p: string) => string): string[] | null {
  switch (step.do) {
    case 'rename':
      return step.flags === undefined ? null : ['renameat2', real(step.from), real(step.to), String(parseFlags(step.flags, 'rename', ''))];
    case 'mknod':
      return ['mknod', real(step.path), step.type ?? 'file'];
    case 'setxattr':
      return ['setxattr', real(step.path), step.name, String(step.size ?? 4), String(step.flags === 'create' ? 1 : step.flags === 'replace' ? 2 : 0)];
    case 'removexattr':
      return ['removexattr', real(step.path), step.name];
    case 'utimes':
      return ['utimens', real(step.path), step.atime === false ? '0' : '1', step.mtime === false ? '0' : '1'];
    case 'chattr':
      return ['chattr', real(step.path)];
    case 'touch':
      // A step with a tid runs on a second thread of a helper process (the template's tid only says "not the leader").
      return step.tid === undefined ? null : ['touch', real(step.path), '1'];
    case 'exec':
      // execve in the helper itself, so that the exec'ing process is the one fsop reports; an image
      // that runs is a copy of the helper (see the tree), which prints 0 and exits.
      return ['exec', real(step.path)];
    case 'truncate':
      // Node's truncateSync opens the file (OPEN/CLOSE events); truncate(2) does not.
      return ['truncate', real(step.path), String(step.length)];
    case 'mmap':
      // Only the path form: the helper opens, maps and closes the file itself.
      return 'path' in step ? ['mmap', real(step.path), String(step.offset), String(step.length)] : null;
    case 'tmpfile':
      return ['tmpfile', real(step.path), step.link === undefined ? '-' : real(step.link), String(step.count ?? 0), step.excl ? '1' : '0'];
    default:
      return null;
  }
}
