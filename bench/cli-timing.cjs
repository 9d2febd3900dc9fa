// Preloaded (`node --require`) into `node dist/cli.cjs …` by the CLI bench (bench/cli-bench.ts):
// at exit, prints on stderr the time from loading the CLI's main module to exit, and the
// process's CPU time (user + system), so the bench times the shipped CLI without wrapping it.
'use strict';
const { performance } = require('node:perf_hooks');

const started = performance.now();
process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stderr.write(`\nCLI_COMMAND_NS ${Math.round((performance.now() - started) * 1e6)}\nCLI_CPU_NS ${(cpu.user + cpu.system) * 1000}\n`);
});
