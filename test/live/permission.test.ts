// Permission events answered for child processes: allow and deny as the child sees them, deny
// with an errno on pre-content groups, the default verdict when a handler throws or the group
// closes, audit responses, and responses refused before writing (with the rule they break).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FanotifyResponseError,
  FanotifyStateError,
  openGroup,
  type FanotifyGroup,
  type LiveEvent,
  type Verdict,
} from '../../src/entries/live.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { Cleanup, makeTempDir, openFds, requireRoot } from './support/env.js';
import { collectUntil } from './support/events.js';
import { lastJson, OPEN_FOR_READ, startNode, type Started } from './support/processes.js';

const cleanup = new Cleanup();
let dir: string;
let file: string;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-perm-');
  file = path.join(dir, 'guarded');
  fs.writeFileSync(file, 'secret contents');
});
afterEach(() => cleanup.run());

function group<G extends FanotifyGroup<AnyRecordSchema>>(g: G): G {
  cleanup.add('close group', () => g.close());
  return g;
}

/** A child that opens and reads `file`; resolves with `{ ok }` or `{ code }`. */
function childOpens(target = file): Started {
  return startNode(OPEN_FOR_READ, [target]);
}

async function outcome(child: Started): Promise<{ ok: boolean; code?: string }> {
  return lastJson((await child.done).stdout);
}

/** Answers the first permission event with `verdict`. */
async function answerFirst(g: FanotifyGroup<AnyRecordSchema>, verdict: Verdict): Promise<void> {
  await collectUntil(g, (events) => events.some((e) => e.isPermission), (e) => {
    if (e.isPermission) e.respond(verdict);
  });
}

describe('content groups', () => {
  it('allow lets the child open the file; deny makes its open fail with EPERM', async () => {
    const g = group(openGroup({ class: 'content' }));
    g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });

    const allowed = childOpens();
    await answerFirst(g, 'allow');
    expect(await outcome(allowed)).toEqual({ ok: true });

    const denied = childOpens();
    await answerFirst(g, 'deny');
    expect(await outcome(denied)).toEqual({ ok: false, code: 'EPERM' });
    expect(g.stats.responses).toBe(2);
    expect(g.stats.defaultVerdicts).toBe(0);
  });

  it('FAN_ACCESS_PERM: denying a read makes read() fail, the open having succeeded', async () => {
    const g = group(openGroup({ class: 'content' }));
    g.addMark({ path: file, events: ['FAN_ACCESS_PERM'] });
    const child = childOpens();
    await answerFirst(g, 'deny');
    expect(await outcome(child)).toEqual({ ok: false, code: 'EPERM' });
  });

  it('FAN_OPEN_EXEC_PERM: denying makes exec fail', async () => {
    const script = path.join(dir, 'tool.sh');
    fs.writeFileSync(script, '#!/bin/sh\necho ran\n', { mode: 0o755 });
    const g = group(openGroup({ class: 'content' }));
    g.addMark({ path: script, events: ['FAN_OPEN_EXEC_PERM'] });
    const child = startNode(
      `try { require('child_process').execFileSync(process.argv[1]); console.log('{"ok":true}') } catch (e) { console.log(JSON.stringify({ ok: false, code: e.code })) }`,
      [script],
    );
    const events = await collectUntil(g, (evs) => evs.length > 0, (e) => e.respond('deny'));
    expect(events[0]!.maskNames).toEqual(['FAN_OPEN_EXEC_PERM']);
    expect(await outcome(child)).toEqual({ ok: false, code: 'EPERM' });
  });

  it('a throwing handler: the step ends with the default verdict (deny here) and consume() rejects', async () => {
    const g = group(openGroup({ class: 'content', defaultVerdict: 'deny' }));
    g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    const child = childOpens();
    const boom = new Error('handler failed');
    await expect(
      g.consume(() => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await outcome(child)).toEqual({ ok: false, code: 'EPERM' });
    expect(g.stats.defaultVerdicts).toBe(1);

    // The group is still usable; the default verdict 'allow' of another group lets a child through.
    const lenient = group(openGroup({ class: 'content' }));
    g.removeMark({ path: file, events: ['FAN_OPEN_PERM'] });
    lenient.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    const next = childOpens();
    await expect(lenient.consume(async () => Promise.reject(new Error('async failure')))).rejects.toThrow('async failure');
    expect(await outcome(next)).toEqual({ ok: true });
  });

  it('answers exactly once: a second respond() is a typed error, as is respond() on a non-permission event', async () => {
    const g = group(openGroup({ class: 'content' }));
    g.addMark({ path: file, events: ['FAN_OPEN_PERM', 'FAN_CLOSE_NOWRITE'] });
    const child = childOpens();
    const errors: unknown[] = [];
    await collectUntil(g, (evs) => evs.some((e) => e.maskNames.includes('FAN_CLOSE_NOWRITE')), (e) => {
      if (e.isPermission) {
        e.respond('allow');
        try {
          e.respond('deny');
        } catch (error) {
          errors.push(error);
        }
      } else {
        try {
          e.respond('allow');
        } catch (error) {
          errors.push(error);
        }
      }
    });
    expect(await outcome(child)).toEqual({ ok: true });
    expect(errors.map((e) => (e as FanotifyResponseError).code)).toEqual(['LIVE_ALREADY_ANSWERED', 'LIVE_NOT_PERMISSION_EVENT']);
    expect(errors[0]).toBeInstanceOf(FanotifyResponseError);
    expect((errors[0] as Error).message).toMatch(/already answered with allow/);
  });

  it('refuses responses the kernel would reject, without writing, naming the rule', async () => {
    const g = group(openGroup({ class: 'content' }));
    g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    const child = childOpens();
    const refusals: string[] = [];
    await answerWith(g, (e) => {
      const attempts: Verdict[] = [
        { deny: 'EIO' },
        { allow: true, audit: true },
        { allow: true, deny: true },
        {},
        { deny: 'ENOENT' },
        { allow: true, auditRule: { rule_number: -1, subj_trust: 0, obj_trust: 0 } },
      ];
      for (const verdict of attempts) {
        try {
          e.respond(verdict);
          refusals.push('accepted');
        } catch (error) {
          expect(error).toBeInstanceOf(FanotifyResponseError);
          expect((error as FanotifyResponseError).code).toBe('LIVE_BAD_RESPONSE');
          refusals.push((error as Error).message);
        }
      }
      // Nothing was written, so the event still waits for this answer.
      e.respond('allow');
    });
    expect(await outcome(child)).toEqual({ ok: true });
    expect(refusals).toEqual([
      expect.stringMatching(/deny with an errno \(EIO\) needs a pre-content group/),
      'FAN_AUDIT needs a group opened with FAN_ENABLE_AUDIT (enableAudit)',
      expect.stringMatching(/exactly one of allow and deny/),
      expect.stringMatching(/exactly one of allow and deny/),
      expect.stringMatching(/deny with an errno \(ENOENT\) needs a pre-content group/),
      expect.stringMatching(/auditRule.rule_number must be a 32-bit unsigned integer/),
    ]);
    expect(g.stats.responses).toBe(1);
  });

  it('audit: with enableAudit, FAN_AUDIT and an audit-rule record (FAN_INFO) are accepted', async () => {
    const g = group(openGroup({ class: 'content', enableAudit: true }));
    g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    const child = childOpens();
    await answerFirst(g, { deny: true, audit: true, auditRule: { rule_number: 7, subj_trust: 1, obj_trust: 2 } });
    expect(await outcome(child)).toEqual({ ok: false, code: 'EPERM' });
    const second = childOpens();
    await answerFirst(g, { allow: true, auditRule: { rule_number: 8, subj_trust: 2, obj_trust: 2 } });
    expect(await outcome(second)).toEqual({ ok: true });
  });

  it('close() answers events that were read with the default verdict; events still queued are allowed by the kernel', async () => {
    const g = group(openGroup({ class: 'content', defaultVerdict: 'deny' }));
    g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    const child = childOpens();
    let held: LiveEvent<AnyRecordSchema> | undefined;
    for await (const event of g) {
      held = event;
      g.close();
      break;
    }
    expect(await outcome(child)).toEqual({ ok: false, code: 'EPERM' });
    expect(held!.answer).toEqual({ verdict: 'deny', by: 'default' });
    expect(() => held!.respond('allow')).toThrow(FanotifyResponseError);

    const unread = group(openGroup({ class: 'content', defaultVerdict: 'deny' }));
    unread.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    const waiting = childOpens();
    // Close once the child is blocked in open(): FIONREAD shows its event queued, unread.
    while (unread.pendingBytes() === 0) await new Promise((r) => setTimeout(r, 5));
    unread.close();
    expect(await outcome(waiting)).toEqual({ ok: true });
    expect(() => unread.addMark({ path: file, events: ['FAN_OPEN_PERM'] })).toThrow(FanotifyStateError);
  });
});

describe('pre-content groups', () => {
  it('deny with an errno: the child sees exactly that errno (EIO, EBUSY; 0 means EPERM)', async () => {
    const g = group(openGroup({ class: 'pre-content' }));
    g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    for (const [verdict, expected] of [
      [{ deny: 'EIO' }, 'EIO'],
      [{ deny: 16 }, 'EBUSY'],
      [{ deny: 0 }, 'EPERM'],
      [{ deny: 'EAGAIN' }, 'EAGAIN'],
    ] as const) {
      const child = childOpens();
      await answerFirst(g, verdict);
      expect(await outcome(child)).toEqual({ ok: false, code: expected });
    }
  });

  it('refuses errnos outside the kernel list', async () => {
    const g = group(openGroup({ class: 'pre-content' }));
    g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    const child = childOpens();
    let message = '';
    await answerWith(g, (e) => {
      try {
        e.respond({ deny: 'ENOENT' });
      } catch (error) {
        message = (error as Error).message;
      }
      e.respond({ deny: 'ETXTBSY' });
    });
    expect(message).toMatch(/allows only EIO, EPERM, EBUSY, ETXTBSY, EAGAIN, ENOSPC, EDQUOT \(or 0 for EPERM\) as deny errnos, got ENOENT/);
    expect(await outcome(child)).toEqual({ ok: false, code: 'ETXTBSY' });
  });
});

it('no fd leaks across the permission tests', async () => {
  const before = openFds().length;
  const g = openGroup({ class: 'content' });
  g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
  const child = childOpens();
  await answerFirst(g, 'allow');
  await outcome(child);
  g.close();
  expect(openFds().length).toBe(before);
});

/** Runs `body` on the first permission event. */
async function answerWith(g: FanotifyGroup<AnyRecordSchema>, body: (event: LiveEvent<AnyRecordSchema>) => void): Promise<void> {
  await collectUntil(g, (events) => events.some((e) => e.isPermission), (e) => {
    if (e.isPermission) body(e as LiveEvent<AnyRecordSchema>);
  });
}
