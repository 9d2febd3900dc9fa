/**
 * The kernel model: a pure-TypeScript simulation of fanotify on Linux 6.18 that produces the
 * exact bytes read() would return, without a kernel or privileges.
 *
 * @packageDocumentation
 */
export { KernelModel } from './kernel.js';
export type { KernelModelOptions, Operation, OperationOutcome, CompletedOperation, ReadOutcome } from './kernel.js';
export { FanotifyModelError } from './errors.js';
export type { ModelErrorCode, ModelErrorReason } from './errors.js';
export { generatedHandle } from './file-handle.js';
export type { FileHandleValue } from './file-handle.js';
export { FdTable } from './fd-table.js';
export type { FdObject } from './fd-table.js';
export { Process } from './process.js';
export type { Task } from './process.js';
export { SuperBlock, Inode, Dentry, Mount, MountNamespace, resolvePath } from './vfs.js';
export type { SuperBlockOptions, InodeKind, PathRef } from './vfs.js';
export type { InitContext, InitDecision } from '../kernel/rules/init.js';
export { runScenario } from './scenario/run.js';
export type { ScenarioResult, ReadRecord, StepRecord, AccessorRecord, ExpectationFailure } from './scenario/run.js';
export { validateScenario } from './scenario/validate.js';
export { ScenarioError } from './scenario/scenario-error.js';
export { parseFlags, parseErrno } from './scenario/words.js';
export type { WordKind } from './scenario/words.js';
export type {
  Scenario,
  ScenarioStep,
  StepKind,
  StepBase,
  FlagWords,
  Expectation,
  ScenarioHandle,
  ScenarioFilesystem,
  ScenarioObject,
  ScenarioProcess,
  ScenarioNamespace,
} from './scenario/types.js';
