import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NativeFileHandle } from '../../../src/live/native/file-handle.js';
import {
  FAN,
  NOTIF_GROUP,
  drain,
  loadAddon,
  makeTempDir,
  ok,
  parseEvents,
  removeTempDir,
  touchRead,
  waitForReadable,
} from './support.js';

// Loaded at import time: a missing addon or a non-root run fails the whole
// file loudly instead of reporting skipped tests.
const native = loadAddon().binding;
const c = native.constants;
let dir: string;
let file: string;

beforeEach(() => {
  dir = makeTempDir();
  file = path.join(dir, 'target');
  fs.writeFileSync(file, 'payload');
});
afterEach(() => removeTempDir(dir));

function expectFileHandle(result: NativeFileHandle | number): NativeFileHandle {
  if (typeof result === 'number') throw new Error(`nameToHandleAt failed with ${result}`);
  return result;
}

/** The single FID record of a FAN_REPORT_FID event (layout of fanotify_event_info_fid). */
interface FidRecord {
  fsid: [number, number];
  handleType: number;
  handle: Uint8Array;
}

function parseFidRecord(bytes: Uint8Array, eventOffset: number, eventLen: number): FidRecord {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = eventOffset + FAN.EVENT_METADATA_LEN;
  expect(view.getUint8(at)).toBe(FAN.EVENT_INFO_TYPE_FID); // hdr.info_type
  const recordLen = view.getUint16(at + 2, true); // hdr.len
  expect(FAN.EVENT_METADATA_LEN + recordLen).toBe(eventLen);
  const handleBytes = view.getUint32(at + 12, true);
  return {
    fsid: [view.getInt32(at + 4, true), view.getInt32(at + 8, true)],
    handleType: view.getInt32(at + 16, true),
    handle: bytes.slice(at + 20, at + 20 + handleBytes),
  };
}

async function fidEventFor(target: string): Promise<FidRecord> {
  const group = ok(native.init(NOTIF_GROUP | FAN.REPORT_FID, 0));
  try {
    expect(native.mark(group, FAN.MARK_ADD, FAN.OPEN, c.AT_FDCWD, target)).toBe(0);
    touchRead(target);
    await waitForReadable(native, group);
    const bytes = drain(native, group);
    const [event, ...rest] = parseEvents(bytes);
    expect(rest).toHaveLength(0);
    if (event === undefined) throw new Error('no event');
    expect(event.fd).toBe(FAN.NOFD);
    expect(event.mask).toBe(FAN.OPEN);
    return parseFidRecord(bytes, event.offset, event.eventLen);
  } finally {
    native.close(group);
  }
}

describe('file handles against FAN_REPORT_FID records', () => {
  it('nameToHandleAt and statfsFsid match the FID record of an event', async () => {
    const record = await fidEventFor(file);
    const handle = expectFileHandle(native.nameToHandleAt(c.AT_FDCWD, file, 0));
    expect(handle.handleType).toBe(record.handleType);
    expect(handle.handle).toBeInstanceOf(Uint8Array);
    expect(Array.from(handle.handle)).toEqual(Array.from(record.handle));
    expect(handle.handle.byteOffset).toBe(0);
    expect(handle.handle.buffer.byteLength).toBe(handle.handle.byteLength);
    expect(native.statfsFsid(file)).toEqual(record.fsid);
    expect(typeof handle.mountId).toBe('number');
  });

  it('AT_HANDLE_FID, AT_EMPTY_PATH and byte paths give the same handle here', () => {
    const plain = expectFileHandle(native.nameToHandleAt(c.AT_FDCWD, file, 0));
    const fid = expectFileHandle(native.nameToHandleAt(c.AT_FDCWD, file, c.AT_HANDLE_FID));
    expect(Array.from(fid.handle)).toEqual(Array.from(plain.handle));
    const fd = fs.openSync(file, 'r');
    try {
      const empty = expectFileHandle(native.nameToHandleAt(fd, '', c.AT_EMPTY_PATH));
      expect(Array.from(empty.handle)).toEqual(Array.from(plain.handle));
    } finally {
      fs.closeSync(fd);
    }
    const bytes = expectFileHandle(native.nameToHandleAt(c.AT_FDCWD, Buffer.from(file), 0));
    expect(Array.from(bytes.handle)).toEqual(Array.from(plain.handle));
  });

  it('openByHandleAt reopens the file through any fd on its filesystem', () => {
    const handle = expectFileHandle(native.nameToHandleAt(c.AT_FDCWD, file, 0));
    const mountFd = fs.openSync(dir, 'r');
    try {
      const fd = ok(native.openByHandleAt(mountFd, handle.handleType, handle.handle, c.O_RDONLY | c.O_CLOEXEC));
      try {
        expect(fs.fstatSync(fd).ino).toBe(fs.statSync(file).ino);
        expect(fs.readFileSync(fd, 'utf8')).toBe('payload');
      } finally {
        expect(native.close(fd)).toBe(0);
      }
      expect(native.openByHandleAt(mountFd, handle.handleType, new Uint8Array(c.MAX_HANDLE_SZ + 1), 0)).toBe(
        -c.EINVAL,
      );
    } finally {
      fs.closeSync(mountFd);
    }
  });

  it('openByHandleAt reports a deleted file as -ESTALE', () => {
    const handle = expectFileHandle(native.nameToHandleAt(c.AT_FDCWD, file, 0));
    fs.unlinkSync(file);
    const mountFd = fs.openSync(dir, 'r');
    try {
      expect(native.openByHandleAt(mountFd, handle.handleType, handle.handle, c.O_RDONLY)).toBe(-c.ESTALE);
    } finally {
      fs.closeSync(mountFd);
    }
  });

  it('returns -errno for missing paths', () => {
    const missing = path.join(dir, 'missing');
    expect(native.nameToHandleAt(c.AT_FDCWD, missing, 0)).toBe(-c.ENOENT);
    expect(native.statfsFsid(missing)).toBe(-c.ENOENT);
    expect(native.mountIdUnique(missing)).toBe(-c.ENOENT);
    expect(native.nameToHandleAt(-1, 'relative', 0)).toBe(-c.EBADF);
  });

  it('throws TypeError for bad argument types', () => {
    expect(() => native.nameToHandleAt(c.AT_FDCWD, null as unknown as string, 0)).toThrow(TypeError);
    expect(() => native.statfsFsid(undefined as unknown as string)).toThrow(TypeError);
    expect(() => native.openByHandleAt(0, 1, [1, 2] as unknown as Uint8Array, 0)).toThrow(TypeError);
  });
});

describe('mount identity', () => {
  it('mountIdUnique agrees with AT_HANDLE_MNT_ID_UNIQUE', () => {
    const unique = native.mountIdUnique(file);
    expect(typeof unique).toBe('bigint');
    const handle = expectFileHandle(native.nameToHandleAt(c.AT_FDCWD, file, c.AT_HANDLE_MNT_ID_UNIQUE));
    expect(handle.mountId).toBe(unique);
    expect(native.mountIdUnique(dir)).toBe(unique);
  });

  it('statfsFsid returns two int32 words shared by one filesystem', () => {
    const fsid = native.statfsFsid(dir);
    expect(Array.isArray(fsid)).toBe(true);
    if (typeof fsid === 'number') throw new Error(`statfsFsid failed with ${fsid}`);
    expect(fsid).toHaveLength(2);
    for (const word of fsid) expect(word | 0).toBe(word);
    expect(native.statfsFsid(file)).toEqual(fsid);
  });
});
