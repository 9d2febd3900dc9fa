// The same node-free entries from CommonJS (resolved through the `require` condition: the .d.cts types).
import { decodeEvents, FAN_CREATE } from 'fanotify-codec';
import { struct, u32 } from 'fanotify-codec/schema';
import { KernelModel } from 'fanotify-codec/model';
import { KERNEL_BEHAVIOURS } from 'fanotify-codec/kernel';
import { exportCHeader } from 'fanotify-codec/export';

const mask: bigint = FAN_CREATE;
const pids: number[] = [...decodeEvents(new Uint8Array(0))].map((e) => e.pid);
void [mask, pids, struct('x', { a: u32() }), new KernelModel(), KERNEL_BEHAVIOURS.length, exportCHeader({ prefix: 'fc_' })];
