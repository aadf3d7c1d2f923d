#!/usr/bin/env node
// Where an idle echo's time goes, seen from outside: one `perf trace` of the outer tmux server and
// the multiplexer together (one timeline), while the bench's idle echo probes run. For tmux, tmx
// and the echo floor in turn it prints the medians of three spans per probe:
//   outer write -> mux read       the key's way in (the outer tmux writes it, the multiplexer reads it)
//   mux read -> frame written     everything the multiplexer does, the pty round trip to cat included
//   frame written -> outer read   the frame's way out
// Needs perf (linux-perf) and the right to trace (root, or perf_event_paranoid <= 1). Tracing
// slows every system call of both processes, so compare the three against each other only.
//   node bench/echo-trace.mjs [--probes N] [--only tmux|tmx|floor] [--tmx PATH/TO/tmx.js]...
// --tmx: trace that build (repeatable, traced in turn) instead of building this work tree's.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureData } from './lib/data.mjs';
import { Session, REPO, cleanupAll, sleep } from './lib/session.mjs';
import * as cases from './lib/cases.mjs';
import { median, fmt } from './lib/stats.mjs';

const FLOOR_BIN = join(REPO, 'bench/echo-floor.cjs');
const USAGE = 'usage: node bench/echo-trace.mjs [--probes N] [--only tmux|tmx|floor] [--tmx PATH/TO/tmx.js]...';

function parseArgs(argv) {
  const o = { probes: 150, only: undefined, builds: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--probes') o.probes = Number(argv[++i]);
    else if (argv[i] === '--only') o.only = argv[++i];
    else if (argv[i] === '--tmx') o.builds.push(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  if (!Number.isInteger(o.probes) || o.probes < 10) throw new Error(`--probes wants a whole number >= 10\n${USAGE}`);
  if (o.only && !['tmux', 'tmx', 'floor'].includes(o.only)) throw new Error(`--only wants tmux, tmx or floor\n${USAGE}`);
  return o;
}

/** perf trace lines: "  12.345 ( 0.050 ms): comm/TID write(fd: 1<...>, ...)   = 1". */
function parseTrace(text) {
  const events = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([\d.]+) \(\s*([\d.]+) ms\): .*?\/(\d+) (\w+)\(fd: (\d+)[^)]*\)\s+= (\d+)/.exec(line);
    if (m) events.push({ start: +m[1], end: +m[1] + +m[2], tid: +m[3], call: m[4].replace(/v$/, ''), fd: +m[5], bytes: +m[6] });
  }
  return events;
}

/**
 * Per probe: the outer tmux's 1-byte write (the key into the pane's pty), the multiplexer's next
 * read (the key), its second write after that read (the frame; the first is the key to cat's
 * pty) and the outer tmux's next read of the pane's pty (the frame arriving).
 */
export function spans(events, outerPid, muxPid) {
  const way = { in: [], inside: [], out: [] };
  for (let i = 0; i < events.length; i++) {
    const key = events[i];
    if (key.tid !== outerPid || key.call !== 'write' || key.bytes !== 1) continue;
    const window = events.slice(i + 1, i + 16);
    const read = window.find((e) => e.tid === muxPid && e.call === 'read');
    if (!read) continue;
    const frame = window.filter((e) => e.tid === muxPid && e.call === 'write' && e.start > read.start)[1];
    if (!frame) continue;
    const back = events.slice(i + 1).find((e) => e.start > frame.end && e.tid === outerPid && e.call === 'read' && e.fd === key.fd);
    if (!back) continue;
    way.in.push((read.start - key.end) * 1000);
    way.inside.push((frame.end - read.start) * 1000);
    way.out.push((back.start - frame.end) * 1000);
  }
  return way;
}

async function traceOne(kind, probes, dir, tmxBin) {
  const session = kind === 'tmux'
    ? new Session('tmux', { data: ensureData(), controlOutput: true })
    : new Session('tmx', { data: ensureData(), controlOutput: true, tmxBin: kind === 'floor' ? FLOOR_BIN : tmxBin });
  const file = join(dir, `${kind}.trace`);
  try {
    await session.start();
    await session.type('stty -echo -icanon; cat');
    await session.keys('Enter');
    await sleep(500);
    const outerPid = Number(execFileSync('tmux', ['-L', session.outerSocket, 'display-message', '-p', '#{pid}']).toString().trim());
    const muxPid = session.pid;
    const perf = spawn('perf', ['trace', '-p', `${outerPid},${muxPid}`, '-e', 'read,readv,write,writev', '-o', file], { stdio: 'inherit' });
    await sleep(1500); // perf attaches
    const { samples } = await cases.echoIdle(session, probes);
    perf.kill('SIGINT');
    await new Promise((resolve) => perf.on('exit', resolve));
    await session.stop();
    return { samples, way: spans(parseTrace(readFileSync(file, 'utf8')), outerPid, muxPid) };
  } finally {
    session.forceCleanup();
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (spawnSync('perf', ['--version']).status !== 0) throw new Error('perf is not installed (apt-get install linux-perf)');
  if (o.builds.length === 0) execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'tmx-echo-trace-'));
  try {
    console.log(`idle echo under perf trace, ${o.probes} probes each; median µs (send-keys to %output p50 in ms)`);
    console.log(`${'multiplexer'.padEnd(12)} ${'way in'.padStart(8)} ${'inside'.padStart(8)} ${'way out'.padStart(8)} ${'probes'.padStart(7)} ${'p50 ms'.padStart(7)}`);
    const runs = (o.only ? [o.only] : ['tmux', 'tmx', 'floor'])
      .flatMap((kind) => (kind === 'tmx' && o.builds.length > 0 ? o.builds.map((bin, i) => ({ kind, bin, name: `tmx ${i + 1}` })) : [{ kind, name: kind }]));
    for (const { kind, bin, name } of runs) {
      const { samples, way } = await traceOne(kind, o.probes, dir, bin);
      const cell = (values) => fmt(median(values)).padStart(8);
      console.log(`${name.padEnd(12)} ${cell(way.in)} ${cell(way.inside)} ${cell(way.out)} ${String(way.in.length).padStart(7)} ${fmt(median(samples)).padStart(7)}`);
    }
  } finally {
    cleanupAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(`echo-trace failed: ${error.stack ?? error.message}\n`);
    cleanupAll();
    process.exit(1);
  });
}
