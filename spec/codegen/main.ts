/**
 * `npm run generate`: writes the generated sources. `--check` exits 1 when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderConstantsModule } from './render-constants.js';

const target = new URL('../../src/generated/constants.ts', import.meta.url);
const text = renderConstantsModule();
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== text) {
    console.error('src/generated/constants.ts is stale: run `npm run generate`');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log('wrote src/generated/constants.ts');
}
