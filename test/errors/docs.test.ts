/**
 * docs/errors.md is the one documented code list: generated from the code table, never edited
 * by hand, and never stale.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { errorCodeMeanings } from '../../src/fanotify-codec-error.js';
import { ERROR_DOCS_PATH, renderErrorDocs } from './error-docs.js';

it('docs/errors.md is what `npm run docs:errors` writes from the code table', () => {
  expect(readFileSync(ERROR_DOCS_PATH, 'utf8')).toBe(renderErrorDocs());
});

it('every code is AREA_REASON in SCREAMING_SNAKE case, and listed in docs/errors.md', () => {
  const docs = readFileSync(ERROR_DOCS_PATH, 'utf8');
  for (const code of Object.keys(errorCodeMeanings)) {
    expect(code).toMatch(/^(DECODE|ENCODE|ARGUMENT|EXPORT|JSONL|MODEL|SCENARIO|LIVE|NATIVE|CLI|INTERNAL)_[A-Z]+(?:_[A-Z]+)*$/);
    expect(docs).toContain(`| \`${code}\` |`);
  }
});
