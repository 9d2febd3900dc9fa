/**
 * The host side of the real-kernel matrix (started by test/kernels/run.mjs, which bundles this
 * file and guest.ts with esbuild into a temp dir of its own):
 *
 * 1. `setup.sh` installs QEMU & co. when missing and prepares (cached) Debian 6.1 and 6.12 kernels;
 * 2. each kernel boots under qemu-system-x86_64 (TCG) with the host's root shared read-only over
 *    9p; the guest runs Node itself on guest.ts, i.e. every differential template with the
 *    unchanged live runner and environment, on ext4, tmpfs, xfs and btrfs, and writes each run to
 *    a writable 9p share in our temp dir;
 * 3. every run is compared here with `runScenario` on the instantiated scenario: the stream byte
 *    for byte and every step's result (`failures` empty), as the differential test does.
 *
 * Prints `kernel <uname -r>: N/M runs matched (ext4 a/b, tmpfs …)` per kernel, every mismatch,
 * and exits 1 if any run did not match or a guest did not finish.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toHex } from '../../src/entries/golden.js';
import { defaultNativeLoadEnvironment, resolveNativeBinding } from '../../src/live/native/load.js';
import { runScenario, type Scenario } from '../../src/model/index.js';
import type { LiveFsType } from '../model/differential/live-env.js';
import type { GuestDone, GuestJob, GuestResult } from './protocol.js';

const TYPES: LiveFsType[] = ['ext4', 'tmpfs', 'xfs', 'btrfs'];

export interface Options {
  /** The repository root. */
  readonly repo: string;
  /** Our own temp dir (removed by the caller). */
  readonly work: string;
  readonly argv: readonly string[];
}

export interface Kernel {
  readonly release: string;
  readonly dir: string;
}

interface Args {
  kernels: string[];
  types: LiveFsType[];
  only: string[];
  smp: number;
  memoryMb: number;
  parallel: boolean;
  timeoutS: number;
  verbose: boolean;
  /** What `Scenario.kernel` is set to: the guest's `uname -r`, its series (`6.12`), or nothing (the model's default). */
  modelKernel: 'release' | 'series' | 'none';
  /** Compare the results kept (--keep) in this earlier run's temp dir instead of booting. */
  from?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { kernels: [], types: [...TYPES], only: [], smp: 1, memoryMb: 3072, parallel: true, timeoutS: 1500, verbose: false, modelKernel: 'release' };
  for (let i = 0; i < argv.length; i++) {
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return x;
    };
    switch (argv[i]) {
      case '--kernel':
        a.kernels.push(...v().split(','));
        break;
      case '--fs':
        a.types = v().split(',') as LiveFsType[];
        for (const t of a.types) if (!TYPES.includes(t)) throw new Error(`--fs: unknown filesystem ${t}`);
        break;
      case '--only':
        a.only.push(v());
        break;
      case '--smp':
        a.smp = Number(v());
        break;
      case '--memory':
        a.memoryMb = Number(v());
        break;
      case '--sequential':
        a.parallel = false;
        break;
      case '--timeout':
        a.timeoutS = Number(v());
        break;
      case '--model-kernel': {
        const m = v();
        if (m !== 'release' && m !== 'series' && m !== 'none') throw new Error('--model-kernel: release, series or none');
        a.modelKernel = m;
        break;
      }
      case '--from':
        a.from = v();
        break;
      case '--verbose':
        a.verbose = true;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]} (see test/kernels/README.md)`);
    }
  }
  if (a.kernels.length === 0) a.kernels = ['6.1', '6.12'];
  return a;
}

/** Runs setup.sh for these release lines (`6.1`, `6.12`): one prepared kernel per line. */
export function setup(repo: string, lines: readonly string[]): Kernel[] {
  const r = spawnSync('bash', [path.join(repo, 'test/kernels/setup.sh'), ...lines], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`test/kernels/setup.sh failed (exit ${r.status ?? r.signal})`);
  const kernels = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('kernel '))
    .map((l) => {
      const [, release, ...dir] = l.split(' ');
      return { release: release!, dir: dir.join(' ') };
    });
  if (kernels.length !== lines.length) throw new Error(`setup.sh prepared ${kernels.length} kernels for ${lines.length} release lines:\n${r.stdout}`);
  return kernels;
}

/**
 * /init of the initramfs: load the modules, mount the host's root (read-only, 9p) with fresh
 * proc/sys/dev/tmp/run and our share, and switch_root into it. switch_root, not chroot: the
 * live runner enters mount namespaces with nsenter, and setns() puts a process at the
 * namespace's root mount, which must be the host's root, not the initramfs.
 */
const INIT = `#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc && mount -t sysfs sys /sys && mount -t devtmpfs dev /dev
for m in $(cat /modules/order); do insmod /modules/$m 2>/tmp/insmod.err || echo "kt: insmod $m: $(cat /tmp/insmod.err)"; done
dir=$(sed -n 's/.*kt.dir=\\([^ ]*\\).*/\\1/p' /proc/cmdline)
R=/newroot
if mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot $R &&
   mount -t proc proc $R/proc && mount -t sysfs sys $R/sys && mount -t devtmpfs dev $R/dev &&
   mount -t tmpfs -o mode=1777 tmp $R/tmp && mount -t tmpfs run $R/run && mkdir $R/run/kt &&
   mount -t 9p -o trans=virtio,version=9p2000.L,rw,msize=512000 work $R/run/kt; then
  umount /proc /sys /dev
  exec switch_root $R /bin/sh /run/kt/$dir/guest.sh
fi
echo "kt: mounting the shares failed"
poweroff -f
`;

/**
 * The guest's PID 1 after switch_root: run Node, then power off (busybox from our share). The
 * guest bounds its own life too, so a QEMU whose host-side runner was killed still ends.
 */
const guestScript = (name: string, timeoutS: number): string => `cd /
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
timeout -k 5 ${Math.max(10, timeoutS - 20)} '${process.execPath}' /run/kt/guest.mjs /run/kt/${name}/job.json
echo "kt: guest exited with $?"
sync
exec /run/kt/busybox poweroff -f
`;

function buildInitramfs(k: Kernel, dir: string): string {
  const ir = path.join(dir, 'initramfs');
  for (const d of ['bin', 'modules', 'proc', 'sys', 'dev', 'tmp', 'newroot']) mkdirSync(path.join(ir, d), { recursive: true });
  copyFileSync('/bin/busybox', path.join(ir, 'bin/busybox'));
  const order = readFileSync(path.join(k.dir, 'modules/order'), 'utf8').split('\n').filter(Boolean);
  for (const m of [...order, 'order']) copyFileSync(path.join(k.dir, 'modules', m), path.join(ir, 'modules', m));
  writeFileSync(path.join(ir, 'init'), INIT, { mode: 0o755 });
  const out = path.join(dir, 'initramfs.cpio.gz');
  const r = spawnSync('sh', ['-c', `find . | cpio -o -H newc --quiet | gzip -1 > '${out}'`], { cwd: ir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('building the initramfs failed');
  return out;
}

interface Boot {
  readonly kernel: Kernel;
  readonly results: GuestResult[];
  readonly done: GuestDone | undefined;
  readonly seconds: number;
  readonly console: string;
  readonly exit: string;
}

const running = new Set<ChildProcess>();
/** Kills the QEMU processes we started (by their own pids). */
export function killGuests(): void {
  for (const p of running) p.kill('SIGKILL');
}

async function boot(o: Options, a: Args, k: Kernel, index: number): Promise<Boot> {
  const name = `k${index}`;
  const dir = path.join(o.work, name);
  mkdirSync(dir, { recursive: true });
  const job: GuestJob = {
    addon: path.join(o.work, 'fanotify_codec.node').replace(o.work, '/run/kt'),
    results: `/run/kt/${name}/results.jsonl`,
    types: a.types,
    ...(a.only.length ? { only: a.only } : {}),
  };
  writeFileSync(path.join(dir, 'job.json'), JSON.stringify(job));
  const guest = await bootGuest({ work: o.work, name, kernel: k, script: guestScript(name, a.timeoutS), smp: a.smp, memoryMb: a.memoryMb, timeoutS: a.timeoutS, verbose: a.verbose });
  const { results, done } = readResults(dir);
  return { kernel: k, results, done, ...guest };
}

/** How to boot one guest (see {@link bootGuest}). */
export interface GuestBoot {
  /** The run's temp dir, shared writable with the guest at /run/kt (busybox must be in it). */
  readonly work: string;
  /** The guest's own subdirectory of `work` (`k0`): initramfs, guest.sh, console.log. */
  readonly name: string;
  readonly kernel: Kernel;
  /** The guest's PID 1 after switch_root (a shell script; it must power off with /run/kt/busybox). */
  readonly script: string;
  readonly smp: number;
  readonly memoryMb: number;
  readonly timeoutS: number;
  /** Echo the guest's console to stderr. */
  readonly verbose: boolean;
}

/**
 * Boots `kernel` under QEMU with the host's root read-only over 9p and `work` writable at
 * /run/kt, runs `script` as the guest's PID 1, and resolves when QEMU exits (or is killed
 * after `timeoutS`).
 */
export async function bootGuest(g: GuestBoot): Promise<{ seconds: number; console: string; exit: string }> {
  const { work, name, kernel: k } = g;
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  const initrd = buildInitramfs(k, dir);
  writeFileSync(path.join(dir, 'guest.sh'), g.script);
  const consolePath = path.join(dir, 'console.log');
  const consoleOut = createWriteStream(consolePath);
  const qemuArgs = [
    '-accel', 'tcg,thread=multi', '-cpu', 'max', '-smp', String(g.smp), '-m', String(g.memoryMb),
    '-display', 'none', '-serial', 'stdio', '-monitor', 'none', '-no-reboot', '-nic', 'none',
    '-kernel', path.join(k.dir, 'vmlinuz'), '-initrd', initrd,
    '-append', `console=ttyS0 quiet panic=-1 kt.dir=${name}`,
    '-virtfs', 'local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap',
    '-virtfs', `local,path=${work},mount_tag=work,security_model=none,multidevs=remap`,
  ];
  const started = Date.now();
  const qemu = spawn('qemu-system-x86_64', qemuArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(qemu);
  let tail = '';
  let partial = '';
  const onData = (chunk: Buffer): void => {
    consoleOut.write(chunk);
    tail = (tail + chunk.toString()).slice(-8000);
    if (!g.verbose) return;
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line.trim()) process.stderr.write(`  [${k.release}] ${line.trimEnd()}\n`);
  };
  qemu.stdout.on('data', onData);
  qemu.stderr.on('data', onData);
  const timer = setTimeout(() => qemu.kill('SIGKILL'), g.timeoutS * 1000);
  const exit = await new Promise<string>((resolve) => qemu.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}${signal === 'SIGKILL' ? ` (timeout ${g.timeoutS} s?)` : ''}` : `exit ${code}`)));
  clearTimeout(timer);
  running.delete(qemu);
  await new Promise((r) => consoleOut.end(r));
  const seconds = (Date.now() - started) / 1000;
  return { seconds, console: tail, exit };
}

/** Does the model know `Scenario.kernel` yet? (Another change adds it; until then it is an unknown field.) */
function modelTakesKernel(): boolean {
  try {
    runScenario({ kernel: '6.1', steps: [] } as unknown as Scenario);
    return true;
  } catch {
    return false;
  }
}

function describeStep(s: Scenario['steps'][number] | undefined): string {
  if (!s) return '?';
  const o = s as unknown as Record<string, unknown>;
  const bits = [o['do']];
  for (const k of ['group', 'flags', 'mask', 'path', 'response', 'errno']) {
    const v = o[k];
    if (v !== undefined) bits.push(Array.isArray(v) ? v.join('|') : String(v));
  }
  return bits.join(' ');
}

interface Verdict {
  readonly ok: boolean;
  readonly detail: string[];
}

function compare(r: GuestResult, kernelField: string | undefined): Verdict {
  if (r.error !== undefined || !r.scenario || r.stream === undefined) return { ok: false, detail: [`the guest run failed: ${(r.error ?? 'no scenario').split('\n').slice(0, 3).join(' | ')}`] };
  const scenario = (kernelField ? { ...r.scenario, kernel: kernelField } : r.scenario) as Scenario;
  let model;
  try {
    model = runScenario(scenario);
  } catch (error) {
    return { ok: false, detail: [`the model refused the scenario: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const detail: string[] = [];
  for (const f of model.failures) detail.push(`step ${f.step} (${describeStep(scenario.steps[f.step])}): kernel ${f.expected}, model ${f.actual}`);
  const want = r.stream;
  const got = toHex(model.stream);
  if (want !== got) {
    let i = 0;
    while (i < want.length && i < got.length && want[i] === got[i]) i++;
    const byte = i >> 1;
    // Which read the first differing byte belongs to (the kernel's read boundaries).
    let off = 0;
    let at = '';
    for (const rd of r.reads ?? []) {
      if (byte < off + rd.length) {
        at = ` in the read of step ${rd.step} (bytes ${off}..${off + rd.length})`;
        break;
      }
      off += rd.length;
    }
    const ctx = (hex: string): string => hex.slice(Math.max(0, (byte - 8) * 2), (byte + 16) * 2);
    detail.push(`stream: kernel ${want.length / 2} bytes, model ${got.length / 2} bytes; first difference at byte ${byte}${at}: kernel …${ctx(want)}…, model …${ctx(got)}…`);
  }
  return { ok: detail.length === 0, detail };
}

const series = (release: string): string => /^(\d+\.\d+)/.exec(release)?.[1] ?? release;
/**
 * The release the model is asked to behave as: `uname -r`, except that Debian's ABI names
 * (`6.1.0-57-amd64`) hide the stable point, which `uname -v` tells (`… Debian 6.1.192-3 (…)`).
 */
export function modelRelease(done: Pick<GuestDone, 'version'> | undefined, release: string): string {
  const debian = /Debian (\d+\.\d+\.\d+)-/.exec(done?.version ?? '');
  return /^\d+\.\d+\.0-\d+-/.test(release) && debian ? debian[1]! : release;
}

function readResults(dir: string): { results: GuestResult[]; done: GuestDone | undefined } {
  const file = path.join(dir, 'results.jsonl');
  const results: GuestResult[] = [];
  let done: GuestDone | undefined;
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      const parsed = JSON.parse(line) as GuestResult | GuestDone;
      if ('done' in parsed) done = parsed;
      else results.push(parsed);
    }
  return { results, done };
}

export async function main(o: Options): Promise<number> {
  const a = parseArgs(o.argv);
  if (a.from) {
    const boots: Boot[] = [];
    for (let i = 0; existsSync(path.join(a.from, `k${i}`)); i++) {
      const { results, done } = readResults(path.join(a.from, `k${i}`));
      boots.push({ kernel: { release: done?.release ?? '?', dir: '' }, results, done, seconds: 0, console: '', exit: 'kept' });
    }
    return report(a, boots, modelTakesKernel());
  }
  const t0 = Date.now();
  const kernels = setup(o.repo, a.kernels);
  const tSetup = (Date.now() - t0) / 1000;
  // The addon the guest loads: a copy, so a concurrent rebuild in the tree cannot change it mid-run.
  const addon = resolveNativeBinding({ ...defaultNativeLoadEnvironment(), moduleDir: path.join(o.repo, 'src/live/native') });
  copyFileSync(addon.file, path.join(o.work, 'fanotify_codec.node'));
  copyFileSync(path.join(o.repo, 'test/model/differential/child-op.mjs'), path.join(o.work, 'child-op.mjs'));
  copyFileSync('/bin/busybox', path.join(o.work, 'busybox'));
  const kernelField = modelTakesKernel();
  process.stderr.write(
    `kernels: set-up ${tSetup.toFixed(0)} s; booting ${kernels.map((k) => k.release).join(', ')} (${a.parallel ? 'in parallel' : 'one after the other'}, -smp ${a.smp}, ${a.memoryMb} MB)` +
      `; the model ${kernelField ? (a.modelKernel === 'none' ? 'runs as its default release' : `runs as the guest's ${a.modelKernel}`) : 'does not take Scenario.kernel yet'}\n`,
  );
  const boots: Boot[] = [];
  if (a.parallel) boots.push(...(await Promise.all(kernels.map((k, i) => boot(o, a, k, i)))));
  else for (const [i, k] of kernels.entries()) boots.push(await boot(o, a, k, i));
  const code = report(a, boots, kernelField);
  process.stderr.write(`kernels: total ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  return code;
}

function report(a: Args, boots: readonly Boot[], kernelField: boolean): number {
  let failed = false;
  const lines: string[] = [];
  for (const bt of boots) {
    const release = bt.done?.release ?? bt.kernel.release;
    const perFs = new Map<LiveFsType, { ran: number; matched: number }>(a.types.map((t) => [t, { ran: 0, matched: 0 }]));
    const mismatches: string[] = [];
    const adapted: string[] = [];
    const modelKernel = !kernelField || a.modelKernel === 'none' ? undefined : a.modelKernel === 'series' ? series(release) : modelRelease(bt.done, release);
    if (modelKernel) process.stderr.write(`kernels: the model runs as kernel '${modelKernel}' for ${release}\n`);
    for (const r of bt.results) {
      const c = perFs.get(r.fs)!;
      c.ran++;
      const v = compare(r, modelKernel);
      if (v.ok) c.matched++;
      else mismatches.push(`  mismatch on ${release}, ${r.fs}: ${r.template}\n${v.detail.map((d) => `    ${d}`).join('\n')}`);
      if (r.adaptations.length)
        adapted.push(
          `  adapted on ${release}, ${r.fs}: ${r.template}: ${r.adaptations
            .map((x) => `step ${x.step} ${x.do} returned ${x.returned} (template: ${x.expected})${x.dropGroup ? `, group '${x.dropGroup}' dropped` : ''}${x.truncate ? ', scenario ends there' : ''}`)
            .join('; ')}`,
        );
    }
    const ran = [...perFs.values()].reduce((n, c) => n + c.ran, 0);
    const matched = [...perFs.values()].reduce((n, c) => n + c.matched, 0);
    const summary = [...perFs.entries()].map(([t, c]) => `${t} ${c.matched}/${c.ran}`).join(', ');
    lines.push(`kernel ${release}: ${matched}/${ran} runs matched (${summary})`);
    if (a.verbose) for (const x of adapted) console.log(x);
    for (const m of mismatches) console.log(m);
    if (matched !== ran || ran === 0) failed = true;
    if (!bt.done) {
      failed = true;
      console.log(`  the ${bt.kernel.release} guest did not finish (${bt.exit}) after ${bt.seconds.toFixed(0)} s; console tail:\n${bt.console.replace(/^/gm, '    ')}`);
    } else if (bt.done.problems.length) {
      failed = true;
      console.log(`  cleanup problems in the ${release} guest: ${bt.done.problems.join('; ')}`);
    }
    if (bt.exit !== 'kept') process.stderr.write(`kernels: ${release} booted, ran ${ran} runs and powered off in ${bt.seconds.toFixed(0)} s (${bt.exit})\n`);
  }
  for (const l of lines) console.log(l);
  return failed ? 1 : 0;
}
