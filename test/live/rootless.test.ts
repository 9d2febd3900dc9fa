// Groups without root: the same consumer against a live group and a model group on the same
// workload (same events, same responses), the model group's fd ownership, stream, close and
// option checks, and a corpus capture replayed through captureGroup.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KernelRecordSchema } from '../../spec/records.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { O } from '../../src/kernel/bits.js';
import { FanotifyOptionError, FanotifyPathError, FanotifyResponseError, openGroup, type FanotifyGroup } from '../../src/entries/live.js';
import { captureGroup, modelGroup, type ModelFanotifyGroup } from '../../src/entries/live.js';
import { KernelModel } from '../../src/model/index.js';
import { nameToString } from '../../src/text/names.js';
import { Cleanup, makeTempDir, requireRoot } from './support/env.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const root = path.resolve(import.meta.dirname, '../..');
const WATCHER = { fid: true, dirFid: true, name: true } as const;
const GUARD = { class: 'content' } as const;

function closing<G extends FanotifyGroup<AnyRecordSchema>>(g: G): G {
  cleanup.add('close group', () => g.close());
  return g;
}

/**
 * The tool under test, written once against the live API: it collects mask names and
 * DFID_NAME names from a watcher group, and denies opens of files named "secret" in a guard
 * group (allowing the rest).
 */
function tool(watcher: FanotifyGroup<KernelRecordSchema>, guard: FanotifyGroup<KernelRecordSchema>): { names: string[]; verdicts: string[] } {
  const names: string[] = [];
  const verdicts: string[] = [];
  watcher.on('event', (event) => {
    for (const r of event.records()) if (r.type === 'dfid_name') names.push(`${event.maskNames.join('|')} ${nameToString(r.name)}`);
  });
  void guard.consume((event) => {
    const name = path.basename(event.path() ?? '?');
    const verdict = name === 'secret' ? 'deny' : 'allow';
    event.respond(verdict);
    verdicts.push(`${event.maskNames.join('|')} ${name} ${verdict}`);
  });
  return { names, verdicts };
}

/** The workload, as file operations on names in the watched directory. */
type Step = { do: 'read' | 'create' | 'mkdir' | 'unlink' | 'rmdir'; name: string };
const WORKLOAD: Step[] = [
  { do: 'read', name: 'a' },
  { do: 'read', name: 'secret' },
  { do: 'mkdir', name: 'sub' },
  { do: 'create', name: 'b' },
  { do: 'unlink', name: 'a' },
  { do: 'rmdir', name: 'sub' },
];

/** Runs a step on the real filesystem (asynchronously: the event loop must stay free to answer). */
async function liveStep(dir: string, step: Step): Promise<string> {
  const p = path.join(dir, step.name);
  try {
    if (step.do === 'read') await (await fs.promises.open(p)).close();
    else if (step.do === 'create') await fs.promises.writeFile(p, '');
    else if (step.do === 'mkdir') await fs.promises.mkdir(p);
    else if (step.do === 'unlink') await fs.promises.unlink(p);
    else await fs.promises.rmdir(p);
    return 'ok';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** The same step in the model, as process `main`. */
async function modelStep(g: ModelFanotifyGroup<AnyRecordSchema>, step: Step): Promise<string> {
  const p = `/data/${step.name}`;
  const ops = {
    read: { op: 'open', path: p, flags: O.RDONLY },
    create: { op: 'touch', path: p },
    mkdir: { op: 'mkdir', path: p },
    unlink: { op: 'unlink', path: p },
    rmdir: { op: 'rmdir', path: p },
  } as const;
  const result = await g.run(ops[step.do]);
  if (result < 0) return result === -1 ? 'EPERM' : `errno ${-result}`;
  if (step.do === 'read') await g.run({ op: 'close', fd: result });
  return 'ok';
}

/** Resolves once both groups' queues stayed empty for a while (everything was consumed). */
async function drained(...groups: FanotifyGroup<AnyRecordSchema>[]): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 30));
    quiet = groups.every((g) => g.pendingBytes() === 0) ? quiet + 1 : 0;
  }
}

describe('the same consumer, a live group and a model group', () => {
  beforeEach(() => requireRoot());

  it('sees the same events and gives the same responses on the same workload', async () => {
    const dir = makeTempDir(cleanup, 'fanotify-rootless-');
    for (const name of ['a', 'secret']) fs.writeFileSync(path.join(dir, name), 'x');
    const liveWatcher = closing(openGroup(WATCHER));
    liveWatcher.addMark({ path: dir, events: ['FAN_CREATE', 'FAN_DELETE'], onDir: true });
    const liveGuard = closing(openGroup(GUARD));
    liveGuard.addMark({ path: dir, events: ['FAN_OPEN_PERM'], onChild: true });
    const live = tool(liveWatcher, liveGuard);
    const liveOutcomes: string[] = [];
    // Each step's events are read before the next step: events still queued could merge
    // (mkdir and rmdir of 'sub'), and whether they do would depend on the machine's load.
    for (const step of WORKLOAD) {
      liveOutcomes.push(await liveStep(dir, step));
      await drained(liveWatcher);
    }
    await drained(liveWatcher, liveGuard);

    const model = new KernelModel();
    model.addFilesystem('data', { type: 'ext4', fsid: [1, 2] }, '/data');
    model.addProcess('main', 1000);
    for (const name of ['a', 'secret']) model.createObject(`/data/${name}`, 'file', { size: 1 });
    const modelWatcher = closing(modelGroup(model, WATCHER));
    modelWatcher.addMark({ path: '/data', events: ['FAN_CREATE', 'FAN_DELETE'], onDir: true });
    const modelGuard = closing(modelGroup(model, GUARD));
    modelGuard.addMark({ path: '/data', events: ['FAN_OPEN_PERM'], onChild: true });
    const simulated = tool(modelWatcher, modelGuard);
    const modelOutcomes: string[] = [];
    for (const step of WORKLOAD) {
      modelOutcomes.push(await modelStep(modelGuard, step));
      await drained(modelWatcher);
    }
    await drained(modelWatcher, modelGuard);

    expect(live.verdicts).toEqual(['FAN_OPEN_PERM a allow', 'FAN_OPEN_PERM secret deny', 'FAN_OPEN_PERM b allow']);
    expect(live.names).toEqual(['FAN_CREATE|FAN_ONDIR sub', 'FAN_CREATE b', 'FAN_DELETE a', 'FAN_DELETE|FAN_ONDIR sub']);
    expect(liveOutcomes).toEqual(['ok', 'EPERM', 'ok', 'ok', 'ok', 'ok']);
    expect(simulated).toEqual(live);
    expect(modelOutcomes).toEqual(liveOutcomes);
    expect(modelGuard.responses.map((r) => `${r.maskNames.join('|')} ${r.verdict} ${r.result}`)).toEqual([
      'FAN_OPEN_PERM allow 8',
      'FAN_OPEN_PERM deny 8',
      'FAN_OPEN_PERM allow 8',
    ]);
    for (const key of ['events', 'delivered', 'permissionEvents', 'responses', 'defaultVerdicts', 'cleanupErrors'] as const) {
      expect([modelWatcher.stats[key], modelGuard.stats[key]], key).toEqual([liveWatcher.stats[key], liveGuard.stats[key]]);
    }
  });
});

/** A model with /data/a and process main, and a content group guarding /data/a. */
function guardedModel(options: { defaultVerdict?: 'allow' | 'deny' } = {}): ModelFanotifyGroup<AnyRecordSchema> {
  const model = new KernelModel();
  model.addProcess('main', 1000);
  model.createObject('/data/a', 'file');
  const g = closing(modelGroup(model, { class: 'content', ...options }));
  g.addMark({ path: '/data/a', events: ['FAN_OPEN_PERM'] });
  return g;
}

describe('model groups', () => {
  it('closes event fds in the model when the step ends, unless taken', async () => {
    const g = guardedModel();
    const groupFds = g.openFds();
    const opened = g.run({ op: 'open', path: '/data/a' });
    let taken = -1;
    for await (const event of g) {
      expect(g.openFds()).toEqual([...groupFds, event.fd]);
      event.respond('allow');
      break;
    }
    expect(await opened).toBeGreaterThanOrEqual(0);
    expect(g.openFds()).toEqual(groupFds);
    const again = g.run({ op: 'open', path: '/data/a' }, g.model.task('main'));
    for await (const event of g) {
      taken = event.takeFd();
      break;
    }
    // The step ended without a response: the default verdict (allow) was written.
    expect(await again).toBeGreaterThanOrEqual(0);
    expect(g.openFds()).toEqual([...groupFds, taken]);
    expect(g.stats).toMatchObject({ events: 2, delivered: 2, responses: 1, defaultVerdicts: 1, cleanupErrors: 0 });
  });

  it('serves stream() and answers what is pending with the default verdict on close()', async () => {
    const g = guardedModel({ defaultVerdict: 'deny' });
    const blocked = g.run({ op: 'open', path: '/data/a' });
    const stream = g.stream();
    const [event] = await new Promise<unknown[]>((resolve) => stream.once('data', (e) => resolve([e])));
    expect((event as { maskNames: string[] }).maskNames).toEqual(['FAN_OPEN_PERM']);
    g.close();
    expect(await blocked).toBe(-1);
    expect(g.responses.map((r) => r.verdict)).toEqual(['deny']);
    expect(() => (event as { respond(v: string): void }).respond('allow')).toThrow(FanotifyResponseError);
  });

  it('names the path of a permission event from its blocked operation, and refuses other paths', async () => {
    const g = closing(modelGroup({ steps: [], tree: [{ path: '/data/a', type: 'file' }] }, { fid: true }));
    g.addMark({ path: '/data/a', events: ['FAN_OPEN'] });
    await g.run({ op: 'open', path: '/data/a' });
    for await (const event of g) {
      expect(() => event.path()).toThrow(FanotifyPathError);
      break;
    }
    const guard = guardedModel();
    const opened = guard.run({ op: 'open', path: '/data/a' });
    await guard.consume((event) => {
      expect(event.path()).toBe('/data/a');
      guard.close();
    });
    expect(await opened).toBeGreaterThanOrEqual(0);
  });

  it('wakes a waiting consumer for operations run on the model directly, and builds a scenario\'s world', async () => {
    const g = closing(
      modelGroup({ processes: [{ name: 'app', pid: 77 }], steps: [{ do: 'mkdir', path: '/srv' }] }, { dirFid: true, name: true }),
    );
    g.addMark({ path: '/srv', events: ['FAN_CREATE'] });
    const first = (async () => {
      for await (const event of g) return `${event.maskNames.join('|')} ${event.pid}`;
      return 'none';
    })();
    // Behind the group's back: the consumer already waits, and must notice the queued event.
    await new Promise((resolve) => setTimeout(resolve, 20));
    g.model.run(g.model.task('app'), { op: 'mknod', path: '/srv/f' });
    expect(await first).toBe('FAN_CREATE 77');
    expect(() => modelGroup({ steps: [{ do: 'mkdir', path: '/srv', expect: 'ENOENT' }] })).toThrow(/expectations failed: \$\.steps\[0\]\.expect/);
  });

  it('refuses unknown options, real-fd options and a kernel that refuses the flags', () => {
    expect(() => modelGroup(new KernelModel(), { clas: 'content' } as never)).toThrow(/unknown option 'clas'/);
    expect(() => modelGroup(new KernelModel(), { mountFds: ['/'] } as never)).toThrow(FanotifyOptionError);
    expect(() => modelGroup(new KernelModel({ kernel: '6.1' }), { fdError: true })).toThrow(/fanotify_init.*EINVAL/);
  });
});

describe('batches without a kernel', () => {
  it('a model group: permission events of a batch are answered by the handler or, after a throw, by the default verdict', async () => {
    const g = guardedModel({ defaultVerdict: 'deny' });
    // Two opens wait on the group: one batch of two permission events.
    g.model.addProcess('second', 1001);
    const fdsBefore = g.openFds();
    const first = g.run({ op: 'open', path: '/data/a' });
    const second = g.run({ op: 'open', path: '/data/a' }, 'second');
    const thrown = await g
      .consumeBatches((batch) => {
        const [event] = batch;
        event!.respond('allow');
        throw new Error('after the first');
      })
      .catch((error: unknown) => error);
    expect((thrown as Error).message).toBe('after the first');
    expect(await first).toBeGreaterThanOrEqual(0);
    expect(await second).toBe(-1);
    expect(g.responses.map((r) => r.verdict)).toEqual(['allow', 'deny']);
    // Every event fd of the batch was closed in the model.
    expect(g.openFds()).toEqual(fdsBefore);
  });

  it('a capture replays one recorded read per batch', async () => {
    const replay = captureGroup(path.join(root, 'corpus/ext4/many-events/capture.json'));
    const sizes: number[] = [];
    await replay.consumeBatches((batch) => {
      let n = 0;
      for (const _ of batch) n++;
      sizes.push(n);
    });
    expect(sizes).toEqual(replay.sidecar.reads.map((r) => r.events));
    expect(replay.stats).toMatchObject({ events: 300, delivered: 300 });
  });
});

describe('capture groups', () => {
  const permission = path.join(root, 'corpus/ext4/permission/capture.json');

  it('replays a permission capture read by read, records the responses and ends', async () => {
    const g = closing(captureGroup(permission));
    const seen: string[] = [];
    await g.consume((event) => {
      seen.push(event.maskNames.join('|'));
      expect(g.openFds()).toEqual([event.fd]);
      event.respond(seen.length === 1 ? 'deny' : 'allow');
    });
    expect(g.closed).toBe(true);
    expect(seen).toHaveLength(g.sidecar.totals.events);
    expect(seen[0]).toBe('FAN_OPEN_PERM');
    expect(g.responses.map((r) => r.verdict)).toEqual(['deny', ...Array(seen.length - 1).fill('allow')]);
    expect(g.responses.every((r) => r.result === 8 && r.pid > 0)).toBe(true);
    expect(g.openFds()).toEqual([]);
    expect(g.stats).toMatchObject({ reads: g.sidecar.totals.reads, events: g.sidecar.totals.events, responses: seen.length, cleanupErrors: 0 });
  });

  it('replays a fid capture from its bytes and sidecar, typed by the sidecar flags', async () => {
    const dir = path.join(root, 'corpus/ext4/dfid-name');
    const sidecar = JSON.parse(fs.readFileSync(path.join(dir, 'capture.json'), 'utf8'));
    const g = closing(captureGroup({ bytes: fs.readFileSync(path.join(dir, 'capture.bin')), sidecar }));
    expect(g.initFlagNames).toEqual(sidecar.init.flagNames);
    const names: string[] = [];
    for await (const event of g) for (const r of event.records()) if (r.type === 'dfid_name') names.push(nameToString(r.name));
    expect(names).toHaveLength(sidecar.totals.events);
    expect(() => g.addMark({ path: '/', events: ['FAN_CREATE'] })).toThrow(FanotifyOptionError);
  });

  it("serves 'event' listeners until the replay ends", async () => {
    const g = closing(captureGroup(permission, { defaultVerdict: 'deny' }));
    const masks: string[] = [];
    const closed = new Promise((resolve) => g.once('close', () => resolve(undefined)));
    g.on('event', (event) => void masks.push(event.maskNames.join('|')));
    await closed;
    expect(masks).toHaveLength(g.sidecar.totals.events);
    // Listeners return without answering: every event got the default verdict.
    expect(g.responses.map((r) => r.verdict)).toEqual(Array(masks.length).fill('deny'));
    expect(g.stats.defaultVerdicts).toBe(masks.length);
  });

  it('keeps a taken fake fd, refuses path() and unknown options', async () => {
    const g = closing(captureGroup(permission.replace('.json', '.bin')));
    let taken = -1;
    for await (const event of g) {
      expect(() => event.path()).toThrow(FanotifyPathError);
      taken = event.takeFd();
      event.respond('allow');
      break;
    }
    expect(g.openFds()).toEqual([taken]);
    expect(() => captureGroup(permission, { fid: true } as never)).toThrow(/unknown option 'fid'/);
    const sidecar = JSON.parse(fs.readFileSync(permission, 'utf8'));
    const bytes = fs.readFileSync(permission.replace('.json', '.bin'));
    expect(() => captureGroup({ bytes, sidecar: { ...sidecar, formatVersion: 99 } })).toThrow(/version 99/);
    expect(() => captureGroup({ bytes: bytes.subarray(1), sidecar })).toThrow(/reads cover 192 bytes, the capture has 191/);
  });
});
