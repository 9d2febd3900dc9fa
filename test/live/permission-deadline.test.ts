// The permission deadline (permissionTimeoutMs): a handler that never settles cannot block the
// accessing process beyond the bound. The event gets the default verdict, is counted and
// reported, and a late respond() says it came too late; an answer in time cancels the deadline.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FanotifyOptionError, FanotifyResponseError, openGroup, type LiveEvent } from '../../src/entries/live.js';
import { Cleanup, makeTempDir, openFds, requireRoot } from './support/env.js';
import { lastJson, startNode } from './support/processes.js';

const cleanup = new Cleanup();
let file: string;

beforeEach(() => {
  requireRoot();
  file = path.join(makeTempDir(cleanup, 'fanotify-deadline-'), 'guarded');
  fs.writeFileSync(file, 'x');
});
afterEach(() => cleanup.run());

/** A child that times its own open() of `file`: `{ ms, code }` (code 'OK' when allowed). */
const TIMED_OPEN = `
const fs = require('fs');
const t = process.hrtime.bigint();
let code = 'OK';
try { fs.closeSync(fs.openSync(process.argv[1], 'r')); } catch (e) { code = e.code; }
console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, code }));
`;

const BOUND_MS = 300;

function deadlineGroup() {
  const g = openGroup({ class: 'content', defaultVerdict: 'deny', permissionTimeoutMs: BOUND_MS });
  cleanup.add('close the group', () => g.close());
  g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
  return g;
}

it('a handler that never settles: the child\'s open() returns (denied) within the bound; counted, reported; a late respond() throws', async () => {
  const before = openFds();
  const g = deadlineGroup();
  const timedOut: LiveEvent[] = [];
  g.on('permissionTimeout', (event) => timedOut.push(event as unknown as LiveEvent));
  let held: LiveEvent | undefined;
  // Never settles: the consumer stays inside this event's step for good.
  void g.consume((event) => {
    held = event as unknown as LiveEvent;
    return new Promise<void>(() => {});
  });
  const result = lastJson<{ ms: number; code: string }>((await startNode(TIMED_OPEN, [file], { timeoutMs: 10_000 }).done).stdout);
  expect(result.code).toBe('EPERM');
  expect(result.ms).toBeGreaterThanOrEqual(BOUND_MS - 50);
  expect(result.ms).toBeLessThan(BOUND_MS + 1500);
  expect(g.stats).toMatchObject({ permissionEvents: 1, permissionTimeouts: 1, defaultVerdicts: 0, responses: 0, cleanupErrors: 0 });
  expect(timedOut).toEqual([held]);
  expect(held!.answer).toEqual({ verdict: 'deny', by: 'timeout' });
  const late = (() => {
    try {
      held!.respond('allow');
    } catch (error) {
      return error;
    }
  })();
  expect(late).toBeInstanceOf(FanotifyResponseError);
  expect(late).toMatchObject({
    code: 'LIVE_DEADLINE_PASSED',
    message: 'respond(): too late: permissionTimeoutMs (300 ms) passed and the event was answered with the default verdict (deny)',
  });
  // The step is still running (the handler never returned): its fd is open until close().
  g.close();
  expect(openFds()).toEqual(before);
});

it('an answer in time cancels the deadline', async () => {
  const g = deadlineGroup();
  const done = g.consume((event) => event.respond('allow'));
  const result = lastJson<{ code: string }>((await startNode(TIMED_OPEN, [file]).done).stdout);
  expect(result.code).toBe('OK');
  await new Promise((resolve) => setTimeout(resolve, BOUND_MS + 100));
  expect(g.stats).toMatchObject({ responses: 1, permissionTimeouts: 0, defaultVerdicts: 0, cleanupErrors: 0 });
  g.close();
  await done;
});

it('permissionTimeoutMs must be a positive integer', () => {
  for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => openGroup({ permissionTimeoutMs: bad })).toThrow(FanotifyOptionError);
});
