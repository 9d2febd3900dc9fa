/**
 * The `--format pretty` view of an event: one aligned header line (index, read, time, offset,
 * len, pid, fd, mask with names) and one line per info record, with names escaped losslessly.
 *
 * @packageDocumentation
 */
import type { KernelRecordSchema } from '../../../spec/records.js';
import type { EventView } from '../../codec/codec.js';
import type { RecordViewOf } from '../../codec/types.js';
import { toHex } from '../../text/hex.js';
import { escapeName } from '../../text/names.js';
import { errnoName } from '../../kernel/errno.js';
import { Palette } from './colour.js';

/** Where an event sits in its capture, when a sidecar says. @internal */
export interface PrettyPosition {
  /** Index of the read() call that returned the event. */
  readonly readIndex?: number | undefined;
  /** When that read() returned, already formatted (e.g. `+0.001234s`). */
  readonly time?: string | undefined;
}

function fdText(fd: number): string {
  if (fd >= 0) return String(fd);
  if (fd === -1) return '-1 (FAN_NOFD)';
  return `${fd} (-${errnoName(-fd)})`;
}

function pidfdText(pidfd: number): string {
  if (pidfd >= 0) return String(pidfd);
  if (pidfd === -1) return '-1 (FAN_NOPIDFD)';
  if (pidfd === -2) return '-2 (FAN_EPIDFD)';
  return `${pidfd} (-${errnoName(-pidfd)})`;
}

function fsidText(fsid: readonly number[]): string {
  return fsid.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('.');
}

/** A name in double quotes: escapeName, plus `"` as \x22 so the quotes stay unambiguous (unescapeName still inverts it). */
function quotedName(bytes: Uint8Array): string {
  return `"${escapeName(bytes).replaceAll('"', '\\x22')}"`;
}

function shortTypeName(infoTypeName: string): string {
  return infoTypeName.replace(/^FAN_EVENT_INFO_TYPE_/, '');
}

const TYPE_WIDTH = 'OLD_DFID_NAME'.length;
const NO_COLOUR = new Palette(false);

function recordLine(r: RecordViewOf<KernelRecordSchema>, palette: Palette): string {
  let body: string;
  switch (r.type) {
    case 'fid':
    case 'dfid':
      body = `fsid=${fsidText(r.fsid)} fh=${r.handle_bytes}:${r.handle_type}:${toHex(r.f_handle)}`;
      break;
    case 'dfid_name':
    case 'old_dfid_name':
    case 'new_dfid_name':
      body = `fsid=${fsidText(r.fsid)} fh=${r.handle_bytes}:${r.handle_type}:${toHex(r.f_handle)} name=${quotedName(r.name)}`;
      break;
    case 'pidfd':
      body = `pidfd=${pidfdText(r.pidfd)}`;
      break;
    case 'error':
      body = `error=${r.error} (${errnoName(r.error)}) error_count=${r.error_count}`;
      break;
    case 'range':
      body = `offset=${r.offset} count=${r.count}`;
      break;
    case 'mnt':
      body = `mnt_id=${r.mnt_id}`;
      break;
    default:
      body = `info_type=${r.info_type} len=${r.len} data=${toHex(r.data)}`;
  }
  return `    ${palette.paint('cyan', shortTypeName(r.infoTypeName).padEnd(TYPE_WIDTH))}  ${body}`;
}

/**
 * The pretty lines of one event (ending with a newline). `streamOffset` is the event's offset
 * in the whole stream.
 *
 * @example
 * ```
 * event 0       @0          len 92    pid 13336     fd -1 (FAN_NOFD)       mask 0x40000100 FAN_CREATE|FAN_ONDIR
 *     DFID_NAME      fsid=e39e930d.834fe4ed fh=12:1:69c20c863e40000000000000 name="sub"
 *     FID            fsid=e39e930d.834fe4ed fh=12:1:46772fb44040000000000000
 * ```
 * @internal
 */
export function prettyEvent(ev: EventView, streamOffset: number, position: PrettyPosition = {}, palette = NO_COLOUR): string {
  const columns = [palette.paint('bold', `event ${String(ev.index).padEnd(6)}`)];
  if (position.readIndex !== undefined) columns.push(`read ${String(position.readIndex).padEnd(5)}`);
  if (position.time !== undefined) columns.push(position.time.padEnd(12));
  columns.push(`@${String(streamOffset).padEnd(10)}`, `len ${String(ev.event_len).padEnd(5)}`, `pid ${String(ev.pid).padEnd(8)}`, `fd ${fdText(ev.fd).padEnd(18)}`);
  const names = ev.maskNames.join('|');
  columns.push(`mask 0x${ev.mask.toString(16)}${names ? ' ' + palette.paint('green', names) : ''}`);
  let text = columns.join(' ') + '\n';
  for (const r of ev.records()) text += recordLine(r, palette) + '\n';
  return text;
}
