#!/usr/bin/env node
// What a fork() costs the parent afterwards: every page it writes takes a copy-on-write
// fault, even once the child has exec'd. Rewrites one byte per page of a 100 MiB buffer,
// without a fork and right after spawning `true` (Node forks for every child process).
//   node bench/fork-cost.mjs [--rounds N]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const PAGE = 4096;
const buffer = Buffer.alloc(100 * 1024 * 1024, 1);
const touchAll = (value) => {
  const t0 = performance.now();
  for (let i = 0; i < buffer.length; i += PAGE) buffer[i] = value;
  return performance.now() - t0;
};
touchAll(2);
for (let round = 0; round < rounds; round++) {
  const plain = touchAll(3 + round);
  spawnSync('true');
  const afterFork = touchAll(10 + round);
  const pages = buffer.length / PAGE;
  console.log(`${pages} pages rewritten: ${plain.toFixed(1)} ms without a fork, ${afterFork.toFixed(1)} ms after one (${((afterFork / pages) * 1000).toFixed(1)} µs a page)`);
}
