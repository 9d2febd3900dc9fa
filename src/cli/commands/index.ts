/**
 * Every CLI command, in the order `--help` lists them.
 *
 * @packageDocumentation
 */
import type { CliCommand } from '../command.js';
import { decodeCommand } from './decode.js';

/** The registered commands. @internal */
export const commands: readonly CliCommand[] = [decodeCommand];
