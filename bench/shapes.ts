/**
 * The synthetic event shapes, built as encoder inputs. Field values follow what the kernel
 * writes for each kind of group (handle sizes of common filesystems, FAN_NOFD in fid mode,
 * names of varying length, some of them not UTF-8).
 */
import {
  FAN_ACCESS,
  FAN_ATTRIB,
  FAN_CLOSE_NOWRITE,
  FAN_CLOSE_WRITE,
  FAN_CREATE,
  FAN_DELETE,
  FAN_FS_ERROR,
  FAN_MNT_ATTACH,
  FAN_MODIFY,
  FAN_NOFD,
  FAN_ONDIR,
  FAN_OPEN,
  FAN_PRE_ACCESS,
  FAN_RENAME,
  type EventInput,
  type KernelRecordSchema,
} from '../src/index.js';
import { Prng } from './prng.js';

export type Event = EventInput<KernelRecordSchema>;

/** The shapes of issue 6, in table order. */
export const SHAPES = ['metadata', 'fid', 'dfid_name+fid', 'rename', 'pidfd', 'error', 'range', 'mnt'] as const;
export type Shape = (typeof SHAPES)[number];

/** Share of each shape in the synthetic mix used when there is no corpus (a notification-heavy workload). */
export const MIX_WEIGHTS: Readonly<Record<Shape, number>> = {
  metadata: 10,
  fid: 15,
  'dfid_name+fid': 40,
  rename: 5,
  pidfd: 10,
  error: 2,
  range: 8,
  mnt: 10,
};

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789._-';

class ShapeMaker {
  private readonly fsid: [number, number];

  constructor(private readonly rng: Prng) {
    this.fsid = [rng.int(0x7fffffff), -rng.int(0x7fffffff)];
  }

  private handle(): { handle_type: number; f_handle: Uint8Array } {
    // ext4 (8 bytes), tmpfs/xfs (12), btrfs (20).
    const size = this.rng.pick([8, 8, 12, 20]);
    return { handle_type: size === 8 ? 1 : size === 12 ? 0x81 : 0x4d, f_handle: this.rng.bytes(size) };
  }

  private name(): Uint8Array | string {
    const len = 1 + this.rng.int(40);
    // One name in ten is raw bytes that are not UTF-8: names are bytes, not strings.
    if (this.rng.int(10) === 0) {
      const b = this.rng.bytes(len);
      for (let i = 0; i < len; i++) if (b[i] === 0 || b[i] === 0x2f) b[i] = 0x80 | i;
      return b;
    }
    let s = '';
    for (let i = 0; i < len; i++) s += NAME_CHARS[this.rng.int(NAME_CHARS.length)];
    return s;
  }

  private pid(): number {
    return 1 + this.rng.int(4_194_304);
  }

  private fid(type: 'fid' | 'dfid') {
    return { type, fsid: this.fsid, ...this.handle() } as const;
  }

  private dfidName(type: 'dfid_name' | 'old_dfid_name' | 'new_dfid_name') {
    return { type, fsid: this.fsid, ...this.handle(), name: this.name() } as const;
  }

  make(shape: Shape): Event {
    const r = this.rng;
    switch (shape) {
      case 'metadata':
        return { mask: r.pick([FAN_OPEN, FAN_ACCESS, FAN_CLOSE_WRITE, FAN_CLOSE_NOWRITE, FAN_MODIFY]), fd: 3 + r.int(1000), pid: this.pid() };
      case 'fid':
        return { mask: r.pick([FAN_MODIFY, FAN_ATTRIB, FAN_CLOSE_WRITE]), fd: FAN_NOFD, pid: this.pid(), info: [this.fid('fid')] };
      case 'dfid_name+fid':
        return {
          mask: r.pick([FAN_CREATE, FAN_DELETE, FAN_CREATE | FAN_ONDIR]),
          fd: FAN_NOFD,
          pid: this.pid(),
          info: [this.dfidName('dfid_name'), this.fid('fid')],
        };
      case 'rename':
        return { mask: FAN_RENAME, fd: FAN_NOFD, pid: this.pid(), info: [this.dfidName('old_dfid_name'), this.dfidName('new_dfid_name'), this.fid('fid')] };
      case 'pidfd':
        return { mask: r.pick([FAN_OPEN, FAN_CLOSE_WRITE]), fd: 3 + r.int(1000), pid: this.pid(), info: [{ type: 'pidfd', pidfd: 4 + r.int(1000) }] };
      case 'error':
        return { mask: FAN_FS_ERROR, fd: FAN_NOFD, pid: 0, info: [this.fid('fid'), { type: 'error', error: r.pick([5, 117, 108]), error_count: 1 + r.int(100) }] };
      case 'range':
        return {
          mask: FAN_PRE_ACCESS,
          fd: 3 + r.int(1000),
          pid: this.pid(),
          info: [{ type: 'range', offset: BigInt(r.int(0x1000_0000)) * 4096n, count: BigInt(1 + r.int(1 << 20)) }],
        };
      case 'mnt':
        return { mask: FAN_MNT_ATTACH, fd: FAN_NOFD, pid: this.pid(), info: [{ type: 'mnt', mnt_id: 0x1_0000_0000n + BigInt(r.int(1 << 30)) }] };
    }
  }
}

/** `count` distinct events of one shape. */
export function makeShapeEvents(shape: Shape, count: number, seed = 6): Event[] {
  const maker = new ShapeMaker(new Prng(seed * 7919 + SHAPES.indexOf(shape)));
  return Array.from({ length: count }, () => maker.make(shape));
}

/** `count` events drawn from the shapes by {@link MIX_WEIGHTS}. */
export function makeMixEvents(count: number, seed = 6): Event[] {
  const rng = new Prng(seed);
  const maker = new ShapeMaker(new Prng(seed + 1));
  const total = SHAPES.reduce((s, k) => s + MIX_WEIGHTS[k], 0);
  const out: Event[] = [];
  for (let i = 0; i < count; i++) {
    let x = rng.int(total);
    const shape = SHAPES.find((k) => (x -= MIX_WEIGHTS[k]) < 0)!;
    out.push(maker.make(shape));
  }
  return out;
}
