#!/usr/bin/env node
// Idle echo of two or more tmx builds against tmux, in alternating sessions (tmux, build A,
// build B, tmux, ...), so a change to the echo's path is compared within one run and one
// machine state: the bench's own runs vary more from session to session than most such changes.
// Each build is a bin/tmx.js (or any script that starts one: a snapshot, a patched copy);
// `BIN::--flag` runs it under a node flag.
//   node bench/echo-ab.mjs [--rounds N] [--probes N] BIN [BIN...]
// Snapshot the work tree's build to compare it later: node -e 'import("./bench/lib/snapshot.mjs")
//   .then((m) => console.log(m.snapshotBuild(process.cwd()).bin))'
import { ensureData } from './lib/data.mjs';
import { Session, cleanupAll } from './lib/session.mjs';
import * as cases from './lib/cases.mjs';
import { median, fmt } from './lib/stats.mjs';

const USAGE = 'usage: node bench/echo-ab.mjs [--rounds N] [--probes N] BIN [BIN...]';

function parseArgs(argv) {
  const o = { rounds: 6, probes: 60, builds: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else if (argv[i] === '--probes') o.probes = Number(argv[++i]);
    else if (argv[i].startsWith('--')) throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    else o.builds.push(argv[i]);
  }
  if (o.builds.length === 0 || !(o.rounds >= 1) || !(o.probes >= 10)) throw new Error(USAGE);
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const data = ensureData();
  const samples = new Map([['tmux', []], ...o.builds.map((b) => [b, []])]);
  for (let round = 0; round < o.rounds; round++) {
    for (const who of samples.keys()) {
      const [bin, ...nodeArgs] = who.split('::');
      const session = who === 'tmux'
        ? new Session('tmux', { data, controlOutput: true })
        : new Session('tmx', { data, controlOutput: true, tmxBin: bin, nodeArgs });
      try {
        await session.start();
        const e = await cases.echoIdle(session, o.probes);
        samples.get(who).push(...e.samples);
        process.stderr.write(`round ${round + 1}, ${who}: p50 ${fmt(median(e.samples))} ms\n`);
        await session.stop();
      } finally {
        session.forceCleanup();
      }
    }
  }
  const tmux = median(samples.get('tmux'));
  console.log(`idle echo p50, ${o.rounds} sessions of ${o.probes} probes each`);
  for (const [who, values] of samples) console.log(`${who.padEnd(48)} ${fmt(median(values)).padStart(6)} ms  ${fmt(median(values) / tmux).padStart(5)}x tmux`);
}

main().then(() => {
  cleanupAll();
  process.exit(0);
}, (error) => {
  process.stderr.write(`echo-ab failed: ${error.stack ?? error.message}\n`);
  cleanupAll();
  process.exit(1);
});
