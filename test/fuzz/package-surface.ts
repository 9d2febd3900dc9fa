/**
 * Everything the fuzz targets call in the package, in one module: the fuzz runner bundles it
 * separately so coverage counts the package's code and none of the fuzzer's.
 */
export {
  decodeEvents,
  decodeEventObjects,
  encodeEvents,
  validateEvents,
  fanotifyCodec,
  EventStreamDecoder,
  FanotifyDecodeError,
  FanotifyEncodeError,
  validateScenario,
  runScenario,
  ScenarioError,
} from '../../src/index.js';
export { readStreamEvents } from '../../src/cli/format/event-source.js';
export { exitCodeFor } from '../../src/cli/format/input-errors.js';
