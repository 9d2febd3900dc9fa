/**
 * Under a real code-generation ban (`node --disallow-code-generation-from-strings`, what a
 * Content-Security-Policy without unsafe-eval does to `new Function`), user schemas still work:
 * compileStruct and createCodec fall back to the interpreted struct code, and only a cursor over
 * user records refuses, with its typed error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleEntry, PACKAGE_ROOT } from '../cli/support/cli-bundle.js';

// The README's user record (the 2021 FAN_ERROR RFC's error location), encoded, decoded three ways and compiled alone.
const SCRIPT = `
import { createCodec, FAN_FS_ERROR, FAN_NOFD } from '../../src/index.js';
import { compileStruct, cstring, fanotify_event_info_header, infoRecord, kernelRecords, s32, struct } from '../../src/entries/schema.js';

const location = infoRecord(struct('fanotify_event_info_location', { ...fanotify_event_info_header.fields, line: s32(), function: cstring() }), { type: 'location', infoType: 4, align: 1 });
const codec = createCodec({ records: [...kernelRecords.filter((r) => r.infoType !== 4), location] });
const bytes = codec.encodeEvents([{ mask: FAN_FS_ERROR, fd: FAN_NOFD, pid: 1, info: [{ type: 'location', line: 42, function: 'ext4_lookup' }] }]);
const views = [];
for (const event of codec.decodeEvents(bytes)) for (const r of event.records()) views.push([r.type, r.line, new TextDecoder().decode(r.function)]);
const object = codec.decodeEventObjects(bytes)[0].info[0];
let cursor = 'works';
try {
  codec.cursor(bytes);
} catch (error) {
  cursor = error.code;
}
let evalAllowed = true;
try {
  new Function('return 1');
} catch {
  evalAllowed = false;
}
const bad = bytes.slice(0, bytes.length - 1);
let truncated = 'accepted';
try {
  codec.validateEvents(bad);
} catch (error) {
  truncated = error.code;
}
console.log(JSON.stringify({ evalAllowed, code: compileStruct(location.struct).code, length: bytes.length, views, object: [object.type, object.line, Array.from(object.function)], cursor, truncated }));
`;

describe('user schemas where code generation from strings is forbidden', () => {
  it('decode, encode and validate through the interpreted code; only the cursor refuses', async () => {
    mkdirSync(path.join(PACKAGE_ROOT, 'temp'), { recursive: true });
    const dir = mkdtempSync(path.join(PACKAGE_ROOT, 'temp', 'test-csp-'));
    try {
      writeFileSync(path.join(dir, 'csp.ts'), SCRIPT);
      const bundle = await bundleEntry(path.relative(PACKAGE_ROOT, path.join(dir, 'csp.ts')), 'csp');
      try {
        const out = JSON.parse(execFileSync(process.execPath, ['--disallow-code-generation-from-strings', bundle.file], { encoding: 'utf8' })) as Record<string, unknown>;
        expect(out).toEqual({
          evalAllowed: false,
          code: 'interpreted',
          length: 44,
          views: [['location', 42, 'ext4_lookup']],
          object: ['location', 42, Array.from(new TextEncoder().encode('ext4_lookup'))],
          cursor: 'ARGUMENT_NO_CURSOR',
          truncated: expect.any(String),
        });
        expect(out.truncated).not.toBe('accepted');
      } finally {
        bundle.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
