/**
 * Folds V8 .cpuprofile files (node --cpu-prof) into a table: self time and total (inclusive)
 * time per function, as a share of all samples. Functions are keyed by name + file:line, so
 * equally named functions of different files stay apart.
 *
 * Usage: node bench/out/profile/profile-summary.js FILE.cpuprofile [--top N]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function key(f: CallFrame): string {
  const file = f.url ? path.basename(f.url.replace(/^file:\/\//, '')) : '';
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
}

export function summarize(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    let id: number | undefined = profile.samples[i]!;
    const leaf = byId.get(id)!;
    self.set(key(leaf.callFrame), (self.get(key(leaf.callFrame)) ?? 0) + dt);
    // Inclusive time: once per function per sample, however deep the recursion.
    const seen = new Set<string>();
    while (id !== undefined) {
      const k = key(byId.get(id)!.callFrame);
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt);
      }
      id = parent.get(id);
    }
  }
  const pct = (n: number): string => `${((n / all) * 100).toFixed(1).padStart(5)}%`;
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [`samples: ${profile.samples.length}, ${(all / 1e6).toFixed(2)} s`, ' self   total  function'];
  for (const [k, v] of rows) lines.push(`${pct(v)} ${pct(total.get(k) ?? 0)}  ${k}`);
  return lines.join('\n');
}

function main(argv: readonly string[]): void {
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 25;
  const files = argv.filter((a, i) => a !== '--top' && (topAt < 0 || i !== topAt + 1));
  for (const file of files) {
    process.stdout.write(`== ${file}\n${summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, top)}\n`);
  }
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith('profile-summary')) main(process.argv.slice(2));
