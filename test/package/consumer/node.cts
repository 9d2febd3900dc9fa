// The @types/node subpaths from CommonJS (the .d.cts types).
import { openGroup } from 'fanotify-codec/live';
import { goldenStream } from 'fanotify-codec/golden';

const group = openGroup({ fid: true });
group.close();
void goldenStream().build().length;
