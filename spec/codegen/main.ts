/**
 * `npm run generate`: writes the generated sources. `--check` exits 1 when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderAggregatesModule } from './render-aggregates.js';
import { renderConstantsModule } from './render-constants.js';
import { renderStructsModule } from './render-structs.js';

const outputs: [file: string, text: string][] = [
  ['constants.ts', renderConstantsModule()],
  ['structs.ts', renderStructsModule()],
  ['kernel-aggregates.ts', renderAggregatesModule()],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of outputs) {
  const target = new URL(`../../src/generated/${file}`, import.meta.url);
  if (check) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // a missing file is stale
    }
    if (current !== text) {
      console.error(`src/generated/${file} is stale: run \`npm run generate\``);
      stale++;
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote src/generated/${file}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
