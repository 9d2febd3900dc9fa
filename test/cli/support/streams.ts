/**
 * Synthetic streams for CLI tests, built with the package's golden builder: every record type,
 * names of every length modulo 4, a name that is not UTF-8, negative fds and pidfds.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { goldenStream } from '../../../src/golden/index.js';

const FSID: [number, number] = [0xe39e930d, 0x834fe4ed];
const DIR = '69c20c863e40000000000000';
const FILE = '46772fb44040000000000000';

/** One event of every record type and the special values the kernel writes. */
export function everyRecordStream(options: { pid?: number; fd?: number; pidfd?: number; fsid?: [number, number]; mnt?: bigint } = {}): Uint8Array {
  const fsid = options.fsid ?? FSID;
  const pid = options.pid ?? 4242;
  return goldenStream()
    .event({ mask: ['FAN_CREATE', 'FAN_ONDIR'], pid }).dfidName({ fsid, handle: DIR, name: 'sub' }).fid({ fsid, handle: FILE })
    .event({ mask: ['FAN_RENAME'], pid }).oldDfidName({ fsid, handle: DIR, name: 'file' }).newDfidName({ fsid, handle: DIR, name: 'renamed' }).fid({ fsid, handle: FILE })
    .event({ mask: ['FAN_OPEN'], pid, fd: options.fd ?? 7 }).pidfd(options.pidfd ?? 9)
    .event({ mask: ['FAN_OPEN'], pid: 0, fd: -9 }).pidfd(-3)
    .event({ mask: ['FAN_FS_ERROR'], pid }).fid({ fsid, handle: '' }).error({ error: 108 })
    .event({ mask: ['FAN_PRE_ACCESS'], pid, fd: 8 }).range({ offset: 8192, count: 4096 })
    .event({ mask: ['FAN_MNT_ATTACH', 'FAN_MNT_DETACH'], pid }).mnt(options.mnt ?? 2147483754n)
    .event({ mask: ['FAN_DELETE'], pid }).dfid({ fsid, handle: DIR })
    .event({ mask: ['FAN_CREATE'], pid }).dfidName({ fsid, handle: DIR, name: new Uint8Array([0x61, 0xff, 0x22, 0x5c]) })
    .event({ mask: ['FAN_Q_OVERFLOW'], pid: 0 })
    .build();
}

/** The `.bin` captures and vectors under `dir`, recursively. */
export function captures(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? captures(full) : entry.endsWith('.bin') ? [full] : [];
  });
}
