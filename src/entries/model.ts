/**
 * `fanotify-codec/model`: the kernel model, a pure-TypeScript simulation of fanotify that
 * produces the exact bytes read() would return, without a kernel or privileges; and scenarios.
 *
 * @packageDocumentation
 */
export { KernelModel } from '../model/kernel.js';
export type { KernelModelOptions, Operation, OperationOutcome, CompletedOperation, ReadOutcome } from '../model/kernel.js';
export { generatedHandle } from '../model/file-handle.js';
export type { FileHandleValue } from '../model/file-handle.js';
// The model's processes and filesystem objects are handed out by `KernelModel`, never constructed: types only.
export type { Process, Task } from '../model/process.js';
export type { SuperBlock, Inode, MountNamespace, SuperBlockOptions, InodeKind } from '../model/vfs.js';
export { runScenario } from '../model/scenario/run.js';
export type { ScenarioResult, ReadRecord, StepRecord, AccessorRecord, ExpectationFailure } from '../model/scenario/run.js';
export { validateScenario } from '../model/scenario/validate.js';
// The scenario format, every type of it.
export type * from '../model/scenario/types.js';
export { FanotifyModelError } from '../model/errors.js';
export type { ModelErrorCode, ModelErrorReason } from '../model/errors.js';
export { ScenarioError } from '../model/scenario/scenario-error.js';
