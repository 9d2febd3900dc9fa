/**
 * Everything the fuzz targets call in the package, in one module: the fuzz runner bundles it
 * separately so coverage counts the package's code and none of the fuzzer's.
 */
export {
  decodeEvents,
  decodeEventObjects,
  encodeEvents,
  validateEvents,
  EventStreamDecoder,
  FanotifyDecodeError,
  FanotifyEncodeError,
} from '../../src/index.js';
export { fanotifyCodec } from '../../src/codec/codec.js';
export { validateScenario, runScenario, ScenarioError } from '../../src/entries/model.js';
export { readStreamEvents } from '../../src/cli/format/event-source.js';
export { exitCodeFor } from '../../src/cli/format/input-errors.js';
