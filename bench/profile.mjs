#!/usr/bin/env node
// Profiles tmx under one bench case with `node --cpu-prof` (written when tmx exits, which it
// does through C-b :kill-server) and prints where the time went.
//   node bench/profile.mjs [--case colour|ascii|quad|startup|coprocess|echo|seq|short|redraw|wide] [--repeat N] [--dir /tmp/prof] [--tmx PATH]
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureData } from './lib/data.mjs';
import { Session, cleanupAll, sleep } from './lib/session.mjs';
import * as cases from './lib/cases.mjs';
import { summarize } from './lib/cpuprofile.mjs';
import { fmt, median } from './lib/stats.mjs';
import { snapshotBuild } from './lib/snapshot.mjs';
import { REPO } from './lib/session.mjs';

/** The shapes of output (run.mjs's shape cases): the command each runs, and the data file it prints. */
const SHAPE_COMMANDS = {
  seq: { command: 'seq 764853', file: 'short' },
  short: { command: 'cat s.txt', file: 'short' },
  redraw: { command: 'cat r.txt', file: 'redraw' },
  wide: { command: 'cat w.txt', file: 'wide' },
};
const USAGE = 'usage: node bench/profile.mjs [--case colour|ascii|quad|startup|coprocess|echo|seq|short|redraw|wide] [--repeat N] [--dir DIR] [--tmx PATH]';

function parseArgs(argv) {
  const o = { case: 'colour', repeat: 2, dir: '/tmp/prof', tmxBin: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--case') o.case = argv[++i];
    else if (a === '--repeat') o.repeat = Number(argv[++i]);
    else if (a === '--dir') o.dir = resolve(argv[++i]);
    else if (a === '--tmx') o.tmxBin = argv[++i];
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (!['colour', 'ascii', 'quad', 'startup', 'coprocess', 'echo', ...Object.keys(SHAPE_COMMANDS)].includes(o.case)) throw new Error(`unknown case ${o.case}\n${USAGE}`);
  if (!Number.isInteger(o.repeat) || o.repeat < 1) throw new Error(`--repeat wants a whole number\n${USAGE}`);
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  mkdirSync(o.dir, { recursive: true });
  const before = new Set(readdirSync(o.dir));
  const data = ensureData();
  let snapshot;
  if (!o.tmxBin) {
    snapshot = snapshotBuild(REPO);
    o.tmxBin = snapshot.bin;
  }
  const session = new Session('tmx', { data, tmxBin: o.tmxBin, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${o.dir}`, ...(o.case === 'echo' ? ['--cpu-prof-interval=50'] : [])],
    controlOutput: o.case === 'echo',
  });
  try {
    const startup = await session.start();
    console.log(`start-up (profiled) ${fmt(startup)} ms`);
    for (let i = 0; i < (o.case === 'startup' ? 0 : o.repeat); i++) {
      if (o.case === 'quad') {
        const q = await cases.quadThroughput(session, data.files.quarter.bytes);
        console.log(`4 panes: ${fmt(q.ms)} ms, ${fmt(q.mbps)} MB/s (profiled)`);
        break; // the panes stay split; one round is the case
      }
      if (o.case === 'echo') {
        // Idle keystrokes, sampled every 50 µs: the per-key path is well under a millisecond.
        const e = await cases.echoIdle(session, 200 * o.repeat);
        console.log(`echo idle: ${e.samples.length} probes, p50 ${fmt(median(e.samples))} ms (profiled)`);
        break;
      }
      if (o.case === 'coprocess') {
        const r = await cases.coprocessThroughput(session, data.files.colour.bytes);
        console.log(`colour with coprocess cat>/dev/null #${i + 1}: ${fmt(r.ms)} ms, ${fmt(r.mbps)} MB/s (profiled)`);
        continue;
      }
      const shape = SHAPE_COMMANDS[o.case];
      if (shape) {
        const r = await cases.commandThroughput(session, shape.command, data.files[shape.file].bytes);
        console.log(`${o.case} #${i + 1}: ${fmt(r.ms)} ms, ${fmt(r.mbps)} MB/s (profiled)`);
        continue;
      }
      const name = o.case === 'ascii' ? 'a.txt' : 'c.txt';
      const r = await cases.catThroughput(session, name, data.files[o.case].bytes);
      console.log(`${o.case} #${i + 1}: ${fmt(r.ms)} ms, ${fmt(r.mbps)} MB/s (profiled)`);
    }
    await session.stop();
  } finally {
    session.forceCleanup();
    cleanupAll();
    snapshot?.remove();
  }
  let file;
  for (let i = 0; i < 100 && !file; i++) {
    file = readdirSync(o.dir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
    if (!file) await sleep(100);
  }
  if (!file) throw new Error(`no new .cpuprofile in ${o.dir}: did tmx exit normally (C-b :kill-server)?`);
  const path = join(o.dir, file);
  await sleep(200);
  console.log(`profile: ${path} (${(statSync(path).size / 1024).toFixed(0)} KiB); open in Chrome DevTools or speedscope`);
  console.log(summarize(JSON.parse(readFileSync(path, 'utf8')), 30).text);
}

main().catch((e) => {
  process.stderr.write(`profile failed: ${e.stack ?? e.message}\n`);
  cleanupAll();
  process.exit(1);
});
