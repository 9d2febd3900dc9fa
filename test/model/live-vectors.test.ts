/**
 * The byte-exact vectors observed on Linux 6.18.44 (kernel-fanotify.md §7) reproduced by the
 * model from the same fsid, handles and pid.
 */
import { describe, expect, it } from 'vitest';
import {
  FAN_CLASS_NOTIF,
  FAN_CREATE,
  FAN_MARK_ADD,
  FAN_NONBLOCK,
  FAN_ONDIR,
  FAN_OPEN,
  FAN_RENAME,
  FAN_REPORT_DFID_NAME_TARGET,
  FAN_REPORT_FID,
  FAN_REPORT_PIDFD,
} from '../../src/index.js';
import { fromHex, toHex } from '../../src/entries/golden.js';
import { KernelModel } from '../../src/model/index.js';

const fsid: [number, number] = [0xe39e930d | 0, 0x834fe4ed | 0];
const handle = (hex: string) => ({ type: 1, bytes: fromHex(hex)! });
const hex = (s: string) => s.replace(/\s+/g, '');

function tmpfsModel() {
  const k = new KernelModel({ byteOrder: 'little' });
  k.addFilesystem('tmp', { type: 'tmpfs', fsid }, '/t');
  k.createObject('/t/d', 'dir', { handle: handle('69c20c863e40000000000000') });
  k.createObject('/t/d/file', 'file', { handle: handle('12e0197f3f40000000000000') });
  const p = k.addProcess('p', 0x3418);
  return { k, t: k.task(p) };
}

describe('live vectors of Linux 6.18.44 (§7)', () => {
  it('vector 1: DFID_NAME_TARGET, mkdir d/sub', () => {
    const { k, t } = tmpfsModel();
    const fd = k.fanotifyInit(t, FAN_CLASS_NOTIF | FAN_REPORT_DFID_NAME_TARGET | FAN_NONBLOCK, 0);
    expect(k.fanotifyMark(t, fd, FAN_MARK_ADD, FAN_CREATE | FAN_RENAME | FAN_ONDIR, { path: '/t/d' })).toBe(0);
    expect(k.run(t, { op: 'mkdir', path: '/t/d/sub', handle: handle('46772fb44040000000000000') })).toMatchObject({ status: 'done', result: 0 });
    const r = k.read(t, fd, 4096);
    expect(toHex(r.bytes)).toBe(
      hex(`5c 00 00 00 03 00 18 00 00 01 00 40 00 00 00 00 ff ff ff ff 18 34 00 00 02 00 24 00 0d 93 9e e3
           ed e4 4f 83 0c 00 00 00 01 00 00 00 69 c2 0c 86 3e 40 00 00 00 00 00 00 73 75 62 00 01 00 20 00
           0d 93 9e e3 ed e4 4f 83 0c 00 00 00 01 00 00 00 46 77 2f b4 40 40 00 00 00 00 00 00`),
    );
  });

  it('vector 2: DFID_NAME_TARGET, rename d/file → d/renamed', () => {
    const { k, t } = tmpfsModel();
    const fd = k.fanotifyInit(t, FAN_CLASS_NOTIF | FAN_REPORT_DFID_NAME_TARGET | FAN_NONBLOCK, 0);
    expect(k.fanotifyMark(t, fd, FAN_MARK_ADD, FAN_CREATE | FAN_RENAME | FAN_ONDIR, { path: '/t/d' })).toBe(0);
    k.run(t, { op: 'rename', from: '/t/d/file', to: '/t/d/renamed' });
    const r = k.read(t, fd, 4096);
    expect(toHex(r.bytes)).toBe(
      hex(`88 00 00 00 03 00 18 00 00 00 00 10 00 00 00 00 ff ff ff ff 18 34 00 00 0a 00 28 00 0d 93 9e e3
           ed e4 4f 83 0c 00 00 00 01 00 00 00 69 c2 0c 86 3e 40 00 00 00 00 00 00 66 69 6c 65 00 00 00 00
           0c 00 28 00 0d 93 9e e3 ed e4 4f 83 0c 00 00 00 01 00 00 00 69 c2 0c 86 3e 40 00 00 00 00 00 00
           72 65 6e 61 6d 65 64 00 01 00 20 00 0d 93 9e e3 ed e4 4f 83 0c 00 00 00 01 00 00 00 12 e0 19 7f
           3f 40 00 00 00 00 00 00`),
    );
  });

  it('vector 3: FID|PIDFD, open of the marked directory; pidfd is the lowest free fd', () => {
    const k = new KernelModel({ byteOrder: 'little' });
    k.addFilesystem('tmp', { type: 'tmpfs', fsid }, '/t');
    k.createObject('/t/d', 'dir', { handle: handle('69c20c863e40000000000000') });
    const reader = k.task(k.addProcess('reader', 100));
    const opener = k.task(k.addProcess('opener', 0x3418));
    const fd = k.fanotifyInit(reader, FAN_CLASS_NOTIF | FAN_REPORT_FID | FAN_REPORT_PIDFD | FAN_NONBLOCK, 0);
    expect(fd).toBe(3);
    expect(k.fanotifyMark(reader, fd, FAN_MARK_ADD, FAN_OPEN | FAN_ONDIR, { path: '/t/d' })).toBe(0);
    expect(k.run(opener, { op: 'open', path: '/t/d', flags: 0 })).toMatchObject({ status: 'done', result: 3 });
    const r = k.read(reader, fd, 4096);
    expect(toHex(r.bytes)).toBe(
      hex(`40 00 00 00 03 00 18 00 20 00 00 40 00 00 00 00 ff ff ff ff 18 34 00 00 01 00 20 00 0d 93 9e e3
           ed e4 4f 83 0c 00 00 00 01 00 00 00 69 c2 0c 86 3e 40 00 00 00 00 00 00 04 00 08 00 04 00 00 00`),
    );
  });
});
