/**
 * Child-process entry for the constant-memory test: runs the CLI on real stdio, then prints
 * the process's peak resident set size on stderr as `MAXRSS_KB <n>`.
 */
import { runCli } from '../../../src/cli/run.js';

const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
process.stderr.write(`MAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
