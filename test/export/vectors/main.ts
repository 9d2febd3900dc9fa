/**
 * `npm run vectors` writes corpus/vectors/ from the cases; `npm run vectors:check` exits 1 when
 * the checked-in files differ from what the package generates now (and says which).
 */
import path from 'node:path';
import { buildVectors } from './build.js';
import { staleVectors, writeVectors } from './files.js';

const DIR = path.resolve('corpus/vectors');

const files = buildVectors();
if (process.argv.includes('--check')) {
  const stale = staleVectors(DIR, files);
  if (stale.length > 0) {
    console.error(`corpus/vectors is stale (run npm run vectors): ${stale.join(', ')}`);
    process.exit(1);
  }
} else {
  writeVectors(DIR, files);
  console.log(`corpus/vectors: ${files.size} files`);
}
