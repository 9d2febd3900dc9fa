/**
 * `npm run generate`: writes the generated sources and the README's generated table. `--check`
 * exits 1 when any is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderAggregatesModule } from './render-aggregates.js';
import { renderConstantsModule } from './render-constants.js';
import { renderReadme } from './render-readme.js';
import { renderKernelCursorModule } from './render-cursor.js';
import { renderStructsModule } from './render-structs.js';

const generated = (file: string): URL => new URL(`../../src/generated/${file}`, import.meta.url);
const readme = new URL('../../README.md', import.meta.url);
const outputs: [target: URL, name: string, text: string][] = [
  [generated('constants.ts'), 'src/generated/constants.ts', renderConstantsModule()],
  [generated('structs.ts'), 'src/generated/structs.ts', renderStructsModule()],
  [generated('kernel-cursor.ts'), 'src/generated/kernel-cursor.ts', renderKernelCursorModule()],
  [generated('kernel-aggregates.ts'), 'src/generated/kernel-aggregates.ts', renderAggregatesModule()],
  [readme, "README.md's kernel-behaviours table", renderReadme(readme)],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [target, file, text] of outputs) {
  if (check) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // a missing file is stale
    }
    if (current !== text) {
      console.error(`${file} is stale: run \`npm run generate\``);
      stale++;
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
