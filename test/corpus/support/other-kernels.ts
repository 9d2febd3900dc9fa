/**
 * The per-kernel corpora (corpus/linux-<line>/<fs>/<case>/, captured in Debian's 6.1 and 6.12
 * kernels by `npm run corpus:kernels`) and their comparison with the 6.18 corpus: each case is
 * identical after normalization, differs (where), or was unavailable (the errno of the refused
 * call, from `unavailable.json`). The "Other kernels" table of corpus/README.md is generated
 * from these files by {@link otherKernelsTable}; test/corpus/other-kernels.test.ts checks it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diffEventStreams, normalizedStream, streamEventsOfBytes } from '../../../src/golden/index.js';
import { captureIds, CORPUS_DIR, loadCapture, type Capture } from './corpus-captures.js';

/** `corpus/linux-<line>/unavailable.json`. */
export interface UnavailableFile {
  /** The guest's kernel: `uname -r`, `uname -v`, the stable point (`6.1.192`, from `uname -v` for Debian's ABI names) and `uname -m`. */
  readonly kernel: { readonly release: string; readonly version: string; readonly stable: string; readonly machine: string };
  /** Cases of the 6.18 corpus this kernel refused, sorted by case. */
  readonly unavailable: readonly Unavailable[];
}

/** One case the kernel refused (what corpus/regenerate.sh --unavailable records). */
export interface Unavailable {
  /** `<fs>/<case>`, as in the 6.18 corpus. */
  readonly case: string;
  readonly call: 'fanotify_init' | 'fanotify_mark';
  /** The errno name (`EINVAL`). */
  readonly errno: string;
  /** The refused call's arguments in words, as the CLI printed them (`flags`, `event_f_flags`; `flags`, `mask`, `dirfd`, `path`). */
  readonly args: Readonly<Record<string, string>>;
  /** The CLI's one-line explanation. */
  readonly hint: string;
  /** The `fanotify-codec capture` options of the case (`--init`, `--mark`, ...). */
  readonly capture: readonly string[];
}

/** One per-kernel corpus directory. */
export interface KernelCorpus {
  /** `6.1`, `6.12`. */
  readonly line: string;
  /** `corpus/linux-6.1`. */
  readonly dir: string;
}

export const UNAVAILABLE_FILE = 'unavailable.json';

const versionKey = (line: string): number[] => line.split('.').map(Number);

/** The `linux-<line>` directories under `root`, oldest first. */
export function kernelCorpora(root: string = CORPUS_DIR): KernelCorpus[] {
  return readdirSync(root)
    .map((name) => /^linux-(\d+\.\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ line: m[1]!, dir: path.join(root, m[0]) }))
    .sort((a, b) => {
      const [x, y] = [versionKey(a.line), versionKey(b.line)];
      return x[0]! - y[0]! || x[1]! - y[1]!;
    });
}

export function readUnavailable(k: KernelCorpus): UnavailableFile {
  return JSON.parse(readFileSync(path.join(k.dir, UNAVAILABLE_FILE), 'utf8')) as UnavailableFile;
}

/** How one case of a kernel compares with the 6.18 capture. */
export type Outcome =
  | { readonly kind: 'identical' }
  | { readonly kind: 'differs'; readonly how: string }
  | { readonly kind: 'unavailable'; readonly call: string; readonly errno: string }
  | { readonly kind: 'missing' };

const short = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Events per read, e.g. `1+1+1` or `300` (several reads) — the read boundaries in words. */
const readShape = (c: Capture): string => c.sidecar.reads.map((r) => r.events).join('+');

/** Compares two captures of one case by their normalized events, then by their read boundaries. */
export function compareCaptures(base: Capture, other: Capture): Outcome {
  const d = diffEventStreams(normalizedStream(streamEventsOfBytes(base.bytes, base.sidecar.byteOrder)), normalizedStream(streamEventsOfBytes(other.bytes, other.sidecar.byteOrder)));
  if (d) return { kind: 'differs', how: short(`${d.path}: ${d.detail}`) };
  if (readShape(base) !== readShape(other)) return { kind: 'differs', how: `same events, other read boundaries (events per read: 6.18 ${readShape(base)}, here ${readShape(other)})` };
  return { kind: 'identical' };
}

/** The outcome of every case of the 6.18 corpus on one kernel. */
export function outcomes(k: KernelCorpus, root: string = CORPUS_DIR): Map<string, Outcome> {
  const unavailable = new Map(readUnavailable(k).unavailable.map((u) => [u.case, u]));
  const out = new Map<string, Outcome>();
  for (const id of captureIds(root)) {
    const u = unavailable.get(id);
    if (u) out.set(id, { kind: 'unavailable', call: u.call, errno: u.errno });
    else if (existsSync(path.join(k.dir, id, 'capture.bin'))) out.set(id, compareCaptures(loadCapture(id, root), loadCapture(id, k.dir)));
    else out.set(id, { kind: 'missing' });
  }
  return out;
}

function cell(o: Outcome): string {
  switch (o.kind) {
    case 'identical':
      return 'identical';
    case 'differs':
      return `differs: ${o.how.replace(/\|/g, '\\|').replace(/\n/g, ' ')}`;
    case 'unavailable':
      return `unavailable (${o.errno} from \`${o.call}\`)`;
    case 'missing':
      return '**not captured**';
  }
}

/** The markdown table: one row per case of the 6.18 corpus, one column per kernel corpus. */
export function otherKernelsTable(root: string = CORPUS_DIR): string {
  const kernels = kernelCorpora(root);
  const results = kernels.map((k) => ({ k, file: readUnavailable(k), outcomes: outcomes(k, root) }));
  const header = `| case | ${results.map((r) => `${r.k.line} (\`${r.file.kernel.release}\`, ${r.file.kernel.stable})`).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---|').join('')}`;
  const rows = captureIds(root).map((id) => `| \`${id}\` | ${results.map((r) => cell(r.outcomes.get(id)!)).join(' | ')} |`);
  const counts = results.map((r) => {
    const n = (kind: Outcome['kind']) => [...r.outcomes.values()].filter((o) => o.kind === kind).length;
    return `${r.k.line}: ${n('identical')} identical, ${n('differs')} differ, ${n('unavailable')} unavailable${n('missing') ? `, ${n('missing')} not captured` : ''}`;
  });
  return [header, rule, ...rows, '', `Totals — ${counts.join('; ')}.`].join('\n');
}

export const TABLE_BEGIN = '<!-- other-kernels-table:begin (generated: npm run corpus:kernels -- --table; checked by test/corpus/other-kernels.test.ts) -->';
export const TABLE_END = '<!-- other-kernels-table:end -->';

/** `readme` with the text between the table markers replaced by `table`. */
export function withTable(readme: string, table: string): string {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`corpus/README.md lacks the markers ${TABLE_BEGIN} … ${TABLE_END}`);
  return `${readme.slice(0, begin + TABLE_BEGIN.length)}\n${table}\n${readme.slice(end)}`;
}

/** The table as it stands in `readme`, or `undefined` without the markers. */
export function tableIn(readme: string): string | undefined {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  return begin < 0 || end < begin ? undefined : readme.slice(begin + TABLE_BEGIN.length, end).trim();
}
