/** Reading and writing the generated files of corpus/vectors/ (its README is hand-written). */
import fs from 'node:fs';
import path from 'node:path';

const GENERATED_DIRS = ['valid', 'malformed'];

/** Files under `dir` that the generator owns. */
function existing(dir: string): string[] {
  const inDirs = GENERATED_DIRS.flatMap((d) => (fs.existsSync(path.join(dir, d)) ? fs.readdirSync(path.join(dir, d)).map((f) => `${d}/${f}`) : []));
  return fs.existsSync(path.join(dir, 'manifest.json')) ? [...inDirs, 'manifest.json'] : inDirs;
}

/** Paths under `dir` whose content differs from `files`, is missing, or is no longer generated. */
export function staleVectors(dir: string, files: Map<string, Uint8Array | string>): string[] {
  const stale = existing(dir).filter((f) => !files.has(f));
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file) || !fs.readFileSync(file).equals(Buffer.from(content))) stale.push(name);
  }
  return stale.sort();
}

/** Writes `files` under `dir` and removes generated files that are no longer produced. */
export function writeVectors(dir: string, files: Map<string, Uint8Array | string>): void {
  for (const f of existing(dir)) if (!files.has(f)) fs.rmSync(path.join(dir, f));
  for (const [name, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}
