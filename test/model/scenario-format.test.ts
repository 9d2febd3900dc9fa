/**
 * The scenario format reference (docs/scenario-format.md) documents every step kind with every
 * field the validator accepts, and the example scenarios under examples/scenarios/model-* run
 * through `produce` with every expectation met.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEventObjects } from '../../src/index.js';
import { ScenarioError, validateScenario } from '../../src/entries/model.js';
import { runInProcess } from '../helpers/run-cli.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const doc = readFileSync(path.join(root, 'docs/scenario-format.md'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-scenario-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The validator's own list after "expected one of" for a bad value at `json`. */
function allowed(json: unknown): string[] {
  try {
    validateScenario(json);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const list = /expected one of ([^)]*)\)?/.exec(error.message)?.[1];
    if (list) return list.split(', ');
    throw error;
  }
  throw new Error(`${JSON.stringify(json)} was accepted`);
}

const COMMON = ['do', 'by', 'tid', 'expect', 'expectFinal', 'note'];
const KINDS = allowed({ steps: [{ do: 'no-such-step' }] });

/** The reference's table row(s) for a step kind (rows start with the kind in backticks). */
const rowsOf = (kind: string): string[] => doc.split('\n').filter((line) => new RegExp(`^\\| (\`[a-z_]+\` / )?\`${kind}\`( / \`[a-z_]+\`)? \\|`).test(line));

describe('docs/scenario-format.md', () => {
  it('knows the validator has step kinds to document', () => {
    expect(KINDS.length).toBeGreaterThan(40);
    expect(KINDS).toContain('drop_caches');
  });

  it.each(KINDS)('documents the step `%s` with all its fields', (kind) => {
    const rows = rowsOf(kind);
    expect(rows, `a table row for ${kind}`).toHaveLength(1);
    for (const field of allowed({ steps: [{ do: kind, 'no-such-field': 1 }] }).filter((f) => !COMMON.includes(f))) expect(rows[0], `${kind}.${field}`).toContain(`\`${field}\``);
  });

  it.each([
    ['top level', { steps: [], 'no-such-field': 1 }],
    ['filesystems', { steps: [], filesystems: [{ 'no-such-field': 1 }] }],
    ['processes', { steps: [], processes: [{ 'no-such-field': 1 }] }],
    ['tree', { steps: [], tree: [{ 'no-such-field': 1 }] }],
  ])('documents every field of the %s', (_what, json) => {
    const fields = allowed(json);
    expect(fields.length).toBeGreaterThan(3);
    for (const field of fields) expect(doc, field).toContain(`| \`${field}\` |`);
  });
});

describe('examples/scenarios/model-*.json through produce', () => {
  const examples = readdirSync(path.join(root, 'examples/scenarios')).filter((f) => f.startsWith('model-') && f.endsWith('.json'));

  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('%s', async (name) => {
    const out = path.join(dir, `${name}.bin`);
    const r = await runInProcess(['produce', path.join(root, 'examples/scenarios', name), '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const events = decodeEventObjects(readFileSync(out));
    expect(events.length).toBeGreaterThan(0);
    // Each example's point, as its description says.
    const fds = events.map((e) => e.fd);
    if (name === 'model-rlimit-event-fds.json') expect(fds).toEqual([4, -24, -24]);
    if (name === 'model-evictable-drop-caches.json') expect(events).toHaveLength(2);
    if (name === 'model-mmap-pre-content.json') expect(events.map((e) => e.info.map((i) => (i.type === 'range' ? [i.offset, i.count] : null)))).toEqual([[[8192n, 12288n]], [[0n, 4096n]]]);
  });
});
