/**
 * The host side of `npm run corpus:kernels` (started by test/kernels/capture-corpus.mjs, which
 * bundles this file and the CLI into a temp dir of its own): runs corpus/regenerate.sh inside
 * Debian's 6.1 and 6.12 kernels, booted exactly as the real-kernel matrix boots them (host.ts:
 * QEMU/TCG, the host's root read-only over 9p, our temp dir writable at /run/kt), and publishes
 * the captures to corpus/linux-<line>/<fs>/<case>/.
 *
 * In the guest, regenerate.sh runs with `--unavailable`: a case whose fanotify_init or
 * fanotify_mark the kernel refuses with EINVAL is skipped and recorded; here those records
 * become corpus/linux-<line>/unavailable.json, with the guest's `uname -r`, `uname -v`, the
 * stable point and `uname -m`. The CLI the guest runs is this checkout's, bundled next to a copy
 * of package.json and of the native addon (so a rebuild in the tree cannot change it mid-run).
 * Finally the "Other kernels" table of corpus/README.md is regenerated from the files.
 *
 * Options: --kernel 6.1[,6.12], --only REGEX (cases as regenerate.sh's --only; the other cases
 * of the kernel's directory are kept), --sequential, --smp N, --memory MB, --timeout S (per
 * guest), --verbose (guest console), --table (only regenerate the README table; no VM, no root).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultNativeLoadEnvironment, resolveNativeBinding } from '../../src/live/native/load.js';
import { otherKernelsTable, UNAVAILABLE_FILE, withTable, type Unavailable, type UnavailableFile } from '../corpus/support/other-kernels.js';
import { bootGuest, setup, type Kernel } from './host.js';

export { killGuests } from './host.js';

interface Args {
  kernels: string[];
  only?: string;
  smp: number;
  memoryMb: number;
  parallel: boolean;
  timeoutS: number;
  verbose: boolean;
  tableOnly: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { kernels: [], smp: 1, memoryMb: 3072, parallel: true, timeoutS: 1800, verbose: false, tableOnly: false };
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
      case '--only':
        a.only = v();
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
      case '--verbose':
        a.verbose = true;
        break;
      case '--table':
        a.tableOnly = true;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]} (see corpus/README.md, "Other kernels")`);
    }
  }
  if (a.kernels.length === 0) a.kernels = ['6.1', '6.12'];
  return a;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The guest's PID 1: record uname, run regenerate.sh into our share, power off. */
function guestScript(repo: string, name: string, a: Args): string {
  const k = `/run/kt/${name}`;
  const only = a.only === undefined ? '' : `--only ${shellQuote(a.only)} `;
  return `cd /
export PATH=${shellQuote(path.dirname(process.execPath))}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 CORPUS_CLI=/run/kt/cli/cli.mjs
uname -r >${k}/release; uname -v >${k}/version; uname -m >${k}/machine
: >${k}/unavailable.jsonl
{ timeout -k 5 ${Math.max(10, a.timeoutS - 20)} bash ${shellQuote(path.join(repo, 'corpus/regenerate.sh'))} ${only}--unavailable ${k}/unavailable.jsonl ${k}/out; echo $? >${k}/status; } 2>&1 | tee ${k}/regenerate.log
sync
exec /run/kt/busybox poweroff -f
`;
}

interface Captured {
  readonly kernel: Kernel;
  readonly line: string;
  readonly dir: string;
  readonly ok: boolean;
  readonly problem: string;
  readonly seconds: number;
}

async function captureOn(repo: string, work: string, a: Args, k: Kernel, line: string, index: number): Promise<Captured> {
  const name = `k${index}`;
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  const boot = await bootGuest({ work, name, kernel: k, script: guestScript(repo, name, a), smp: a.smp, memoryMb: a.memoryMb, timeoutS: a.timeoutS, verbose: a.verbose });
  const status = existsSync(path.join(dir, 'status')) ? readFileSync(path.join(dir, 'status'), 'utf8').trim() : undefined;
  const ok = status === '0';
  const log = existsSync(path.join(dir, 'regenerate.log')) ? readFileSync(path.join(dir, 'regenerate.log'), 'utf8') : '';
  const problem = ok ? '' : `regenerate.sh ${status === undefined ? 'did not finish' : `exited with ${status}`} (${boot.exit}); last lines:\n${(log || boot.console).split('\n').slice(-25).join('\n').replace(/^/gm, '    ')}`;
  return { kernel: k, line, dir, ok, problem, seconds: boot.seconds };
}

/**
 * The stable point of a kernel: what `uname -v` says Debian built (`… Debian 6.1.192-3 (…)`:
 * Debian's ABI names such as `6.1.0-57-amd64` hide it), else the release's own `x.y.z`.
 */
export function stablePoint(release: string, version: string): string {
  return /Debian (\d+\.\d+\.\d+)-/.exec(version)?.[1] ?? /^\d+\.\d+(?:\.\d+)?/.exec(release)?.[0] ?? release;
}

/** Moves one guest's captures into corpus/linux-<line>/ and writes its unavailable.json. */
function publish(repo: string, a: Args, c: Captured): { captures: number; unavailable: number } {
  const target = path.join(repo, 'corpus', `linux-${c.line}`);
  const read = (f: string): string => readFileSync(path.join(c.dir, f), 'utf8').trim();
  const release = read('release');
  const version = read('version');
  const fresh = read('unavailable.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Unavailable);
  const only = a.only === undefined ? undefined : new RegExp(a.only);
  const selected = (id: string): boolean => only === undefined || only.test(id);
  // Entries of cases not regenerated this time are kept (--only).
  const previous = a.only !== undefined && existsSync(path.join(target, UNAVAILABLE_FILE)) ? (JSON.parse(readFileSync(path.join(target, UNAVAILABLE_FILE), 'utf8')) as UnavailableFile).unavailable : [];
  const unavailable = [...previous.filter((u) => !selected(u.case)), ...fresh].sort((x, y) => (x.case < y.case ? -1 : x.case > y.case ? 1 : 0));
  mkdirSync(target, { recursive: true });
  const out = path.join(c.dir, 'out');
  let captures = 0;
  // As regenerate.sh publishes: without --only the kernel's directory is replaced.
  if (a.only === undefined)
    for (const e of readdirSync(target, { withFileTypes: true })) if (e.isDirectory()) rmSync(path.join(target, e.name), { recursive: true, force: true });
  for (const u of unavailable) rmSync(path.join(target, u.case), { recursive: true, force: true });
  if (existsSync(out))
    for (const fs of readdirSync(out))
      for (const name of readdirSync(path.join(out, fs))) {
        rmSync(path.join(target, fs, name), { recursive: true, force: true });
        cpSync(path.join(out, fs, name), path.join(target, fs, name), { recursive: true });
        captures++;
      }
  const file: UnavailableFile = { kernel: { release, version, stable: stablePoint(release, version), machine: read('machine') }, unavailable };
  writeFileSync(path.join(target, UNAVAILABLE_FILE), JSON.stringify(file, null, 2) + '\n');
  return { captures, unavailable: fresh.length };
}

function writeTable(repo: string): void {
  const readme = path.join(repo, 'corpus/README.md');
  writeFileSync(readme, withTable(readFileSync(readme, 'utf8'), otherKernelsTable(path.join(repo, 'corpus'))));
  process.stderr.write('corpus:kernels: the "Other kernels" table of corpus/README.md is regenerated\n');
}

export async function main(o: { repo: string; work: string; argv: readonly string[] }): Promise<number> {
  const a = parseArgs(o.argv);
  if (a.tableOnly) {
    writeTable(o.repo);
    return 0;
  }
  const t0 = Date.now();
  const kernels = setup(o.repo, a.kernels);
  // The CLI (bundled by capture-corpus.mjs into cli/) finds its package root and addon here.
  const addon = resolveNativeBinding({ ...defaultNativeLoadEnvironment(), moduleDir: path.join(o.repo, 'src/live/native') });
  mkdirSync(path.join(o.work, 'cli/native/build/Release'), { recursive: true });
  copyFileSync(addon.file, path.join(o.work, 'cli/native/build/Release/fanotify_codec.node'));
  copyFileSync(path.join(o.repo, 'package.json'), path.join(o.work, 'cli/package.json'));
  copyFileSync('/bin/busybox', path.join(o.work, 'busybox'));
  process.stderr.write(`corpus:kernels: booting ${kernels.map((k) => k.release).join(', ')} (${a.parallel ? 'in parallel' : 'one after the other'}) to run corpus/regenerate.sh${a.only ? ` --only '${a.only}'` : ''}\n`);
  const jobs = kernels.map((k, i) => () => captureOn(o.repo, o.work, a, k, a.kernels[i]!, i));
  const results: Captured[] = [];
  if (a.parallel) results.push(...(await Promise.all(jobs.map((j) => j()))));
  else for (const j of jobs) results.push(await j());
  let failed = false;
  for (const c of results) {
    if (!c.ok) {
      failed = true;
      console.log(`kernel ${c.kernel.release}: ${c.problem}`);
      continue;
    }
    const n = publish(o.repo, a, c);
    console.log(`kernel ${c.kernel.release}: ${n.captures} captures, ${n.unavailable} unavailable -> corpus/linux-${c.line}/ (${c.seconds.toFixed(0)} s)`);
  }
  if (!failed) writeTable(o.repo);
  process.stderr.write(`corpus:kernels: total ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  return failed ? 1 : 0;
}
