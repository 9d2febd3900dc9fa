// A consumer of the node-free entries (root, /schema, /model, /kernel, /export), as ESM. It must
// type-check without @types/node and with `lib: ["ES2022"]` only.
import { createCodec, decodeEvents, encodeEvents, FAN_CREATE, FAN_DENY_ERRNO, FAN_NOFD, FAN_ONDIR, Errno, FanotifyDecodeError, encodeResponse } from 'fanotify-codec';
import type { EventInput, EventView, RecordValueOf } from 'fanotify-codec';
import { infoRecord, kernelRecords, s32, struct, fanotify_event_info_header, cstring } from 'fanotify-codec/schema';
import { KernelModel, runScenario } from 'fanotify-codec/model';
import type { Scenario } from 'fanotify-codec/model';
import { parseKernelRelease } from 'fanotify-codec/kernel';
import { exportKsy } from 'fanotify-codec/export';

const input: EventInput = { mask: FAN_CREATE | FAN_ONDIR, fd: FAN_NOFD, pid: 1, info: [{ type: 'fid', fsid: [1, 2], handle_type: 1, f_handle: new Uint8Array(8) }] };
const bytes: Uint8Array = encodeEvents([input]);
for (const event of decodeEvents(bytes)) {
  const view: EventView = event;
  for (const record of view.records()) {
    if (record.type === 'dfid_name') {
      const name: Uint8Array = record.name;
      void name;
    }
  }
}
const location = infoRecord(struct('location', { ...fanotify_event_info_header.fields, line: s32(), function: cstring() }), { type: 'location', infoType: 4, align: 1 });
const codec = createCodec({ records: [...kernelRecords.filter((r) => r.infoType !== 4), location] });
for (const event of codec.decodeEvents(bytes)) for (const r of event.records()) if (r.type === 'location') { const line: number = r.line; void line; }
const value: RecordValueOf<(typeof kernelRecords)[number]> | undefined = undefined;
void value;
const response: Uint8Array = encodeResponse({ fd: 3, response: FAN_DENY_ERRNO(Errno.EIO) });
const error: FanotifyDecodeError | undefined = undefined;
const model = new KernelModel({ byteOrder: 'little' });
const scenario: Scenario | undefined = undefined;
void [response, error, model, scenario, runScenario, parseKernelRelease('6.18.0')?.major, exportKsy()];
