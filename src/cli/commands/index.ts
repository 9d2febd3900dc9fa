/**
 * Every CLI command, in the order `--help` lists them.
 *
 * @packageDocumentation
 */
import type { CliCommand } from '../command.js';
import { captureCommand } from './capture.js';
import { decodeCommand } from './decode.js';
import { produceCommand } from './produce.js';
import { diffCommand } from './diff.js';
import { encodeCommand } from './encode.js';
import { exportCommand } from './export.js';
import { normalizeCommand } from './normalize.js';
import { statsCommand } from './stats.js';

/** The registered commands. @internal */
export const commands: readonly CliCommand[] = [decodeCommand, encodeCommand, normalizeCommand, diffCommand, statsCommand, captureCommand, produceCommand, exportCommand];
