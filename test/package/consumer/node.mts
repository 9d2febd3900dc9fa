// A consumer of the subpaths whose types need @types/node (/live, /golden), as ESM.
import { openGroup, modelGroup } from 'fanotify-codec/live';
import type { FanotifyGroup, LiveEvent, VerdictObject } from 'fanotify-codec/live';
import { goldenStream, compareToGolden } from 'fanotify-codec/golden';
import { KernelModel } from 'fanotify-codec/model';

export async function watch(): Promise<void> {
  const group = openGroup({ fid: true, dirFid: true, name: true });
  group.addMark({ path: '/tmp', events: ['FAN_CREATE'], onDir: true });
  for await (const event of group) {
    const e: LiveEvent = event;
    for (const record of e.records()) if (record.type === 'dfid_name') console.log(record.name, e.byteLength);
  }
  const verdict: VerdictObject = { allow: true, auditRule: { rule_number: 1, subj_trust: 2, obj_trust: 2 } };
  const model: FanotifyGroup = modelGroup(new KernelModel(), { class: 'content' });
  void [verdict, model];
}
const bytes: Uint8Array = goldenStream().event({ mask: ['FAN_CREATE'], pid: 1 }).build();
void compareToGolden(bytes, 'x.jsonl').pass;
