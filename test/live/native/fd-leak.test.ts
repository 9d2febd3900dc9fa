import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAN,
  NOTIF_GROUP,
  expectHandle,
  loadAddon,
  loopTurns,
  makeTempDir,
  ok,
  openFdCount,
  removeTempDir,
} from './support.js';

const CYCLES = 200;

// Loaded at import time: a missing addon or a non-root run fails the whole
// file loudly instead of reporting skipped tests.
const native = loadAddon().binding;
let dir: string;

beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

describe('no fd or handle leaks', () => {
  it(`init/mark/close ${CYCLES} times`, () => {
    const before = openFdCount();
    for (let i = 0; i < CYCLES; i++) {
      const fd = ok(native.init(NOTIF_GROUP, 0));
      expect(native.mark(fd, FAN.MARK_ADD, FAN.OPEN, native.constants.AT_FDCWD, dir)).toBe(0);
      expect(native.close(fd)).toBe(0);
    }
    expect(openFdCount()).toBe(before);
  });

  it(`poll create/close ${CYCLES} times`, async () => {
    const before = openFdCount();
    for (let i = 0; i < CYCLES; i++) {
      const fd = ok(native.init(NOTIF_GROUP, 0));
      const handle = expectHandle(native.poll(fd, () => {}));
      if (i % 2 === 0) handle.stop();
      handle.close();
      expect(native.close(fd)).toBe(0);
    }
    expect(openFdCount()).toBe(before);
    await loopTurns();
    expect(native.pollHandleCount()).toBe(0);
  });

  it(`nameToHandleAt/openByHandleAt ${CYCLES} times`, () => {
    const file = path.join(dir, 'f');
    fs.writeFileSync(file, '');
    const mountFd = fs.openSync(dir, 'r');
    try {
      const before = openFdCount();
      for (let i = 0; i < CYCLES; i++) {
        const handle = native.nameToHandleAt(native.constants.AT_FDCWD, file, 0);
        if (typeof handle === 'number') throw new Error(`nameToHandleAt failed with ${handle}`);
        const fd = ok(native.openByHandleAt(mountFd, handle.handleType, handle.handle, native.constants.O_RDONLY));
        expect(native.close(fd)).toBe(0);
      }
      expect(openFdCount()).toBe(before);
    } finally {
      fs.closeSync(mountFd);
    }
  });
});
