#!/usr/bin/env node
// Where an idle echo's time goes inside tmx, stage by stage. Copies the build, puts a
// timestamp (performance.now) at each stage of the echo path into the copy, runs the bench's
// idle echo case on it and prints the median time between stages over the probes.
//   node bench/echo-stages.mjs [--probes N] [--gap MS] [--node-arg FLAG]...
// --gap: a fixed time between probes (default 25-60 ms, as the bench): 1 shows the same path warm.
// --node-arg: a flag for the node running tmx (V8 flags such as --always-sparkplug), repeatable.
// --floor: then the same marks in a copy of bench/echo-floor.cjs, in a session of its own: what
//   the pass-through spends at each stage that tmx has too.
// The copy is patched by exact text; when the code moves, a patch fails loudly (update STAGES).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensureData } from './lib/data.mjs';
import { Session, REPO, cleanupAll } from './lib/session.mjs';
import * as cases from './lib/cases.mjs';
import { snapshotBuild } from './lib/snapshot.mjs';
import { median, fmt } from './lib/stats.mjs';

/**
 * [file in dist, exact text, replacement]: each stage's mark, in the order a probe passes them.
 * The server reads keys from the client's terminal and writes frames to it itself (tty-reader,
 * tty-writer): the whole echo is the server's, and only the server's marks are kept.
 */
const STAGES = [
  ['server/tty-reader.js', "            stream.on('data', (data) => {",
    "            stream.prependListener('data', () => __T('tty read'));\n            stream.on('data', (data) => {\n                __T('tty data event');"],
  ['app/session-clients.js', '    handleInput(data, from) {', "    handleInput(data, from) {\n        __T('tmx input handler');"],
  ['app/session-clients.js', '        const route = (data) => {', "        const route = (data) => {\n            __T('tmx input handler');"],
  ['panes/pty.js', '? writeWhatFits(internals._fd, buffer)',
    "? __TW('key: pty write start', 'key: pty write end', () => writeWhatFits(internals._fd, buffer))"],
  ['panes/pane.js', '    handleOutput(data) {', "    handleOutput(data) {\n        __T('echo read from pty');"],
  ['panes/pane.js', '            this.bytesAwaitingParse -= data.length;', "            __T('echo parsed'); this.bytesAwaitingParse -= data.length;"],
  ['app/app.js', '    render() {', "    render() {\n        __T('frame start');"],
  ['server/tty-writer.js', '        const rest = writeWhatFits(this.fd, data);',
    "        const rest = __TW('frame: tty write start', 'frame: tty write end', () => writeWhatFits(this.fd, data));"],
  ['app/painters.js', '&& first.send(bytes);', "&& (__T('echo drawn ahead') || first.send(bytes));"],
  ['app/app.js', 'const sent = plan.sink.send(', "__T('echo drawn ahead');\n            const sent = plan.sink.send("],
];
/** The stages of an echo drawn by the frame after its parse, and of one drawn ahead of it (App.drawEchoAhead). */
const WAY_IN = ['tty read', 'tty data event', 'tmx input handler', 'key: pty write start', 'key: pty write end', 'echo read from pty'];
/** The floor's stages, by the same names: it has no key handling and no drawing. */
const FLOOR_ORDER = ['tty read', 'tty data event', 'key: pty write start', 'key: pty write end', 'echo read from pty', 'frame: tty write start', 'frame: tty write end'];
/** [exact text in echo-floor.cjs, replacement]: FLOOR_ORDER's marks. */
const FLOOR_STAGES = [
  ["process.stdin.on('data', (data) => {",
    "process.stdin.prependListener('data', () => __T('tty read'));\nprocess.stdin.on('data', (data) => {\n  __T('tty data event');"],
  ['shell.onData((data) => send(', "shell.onData((data) => __T('echo read from pty') || send("],
  ['    written = fs.writeSync(fd, data);',
    "    const [start, end] = fd === 1 ? ['frame: tty write start', 'frame: tty write end'] : ['key: pty write start', 'key: pty write end'];\n" +
    '    written = __TW(start, end, () => fs.writeSync(fd, data));'],
];
const ORDERS = {
  'drawn ahead of the parse': [...WAY_IN, 'echo drawn ahead', 'frame: tty write start', 'frame: tty write end'],
  'drawn by the frame after the parse': [...WAY_IN, 'echo parsed', 'frame start', 'frame: tty write start', 'frame: tty write end'],
};

function parseArgs(argv) {
  const o = { probes: 200, gapMs: undefined, nodeArgs: [], floor: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--probes') o.probes = Number(argv[++i]);
    else if (argv[i] === '--gap') o.gapMs = Number(argv[++i]);
    else if (argv[i] === '--node-arg') o.nodeArgs.push(argv[++i]);
    else if (argv[i] === '--floor') o.floor = true;
    else throw new Error(`unknown argument ${argv[i]}\nusage: node bench/echo-stages.mjs [--probes N] [--gap MS] [--node-arg FLAG]... [--floor]`);
  }
  return o;
}

/** The marks' recorder: __T(name) keeps a time, __TW(a, b, f) the times around f; written out at exit. */
function recorder(timesFile, writeFile) {
  return 'globalThis.__L = []; globalThis.__T = (n) => { if (globalThis.__L.length < 400000) globalThis.__L.push(n, performance.now()); };\n' +
    'globalThis.__TW = (a, b, f) => { __T(a); const r = f(); __T(b); return r; };\n' +
    `process.on('exit', () => { if (globalThis.__L.length > 0) ${writeFile}(${JSON.stringify(timesFile)} + '.' + process.pid, JSON.stringify(globalThis.__L)); });`;
}

function patchFile(path, from, to) {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`echo-stages: ${path} no longer contains ${JSON.stringify(from)}; update STAGES`);
  writeFileSync(path, text.replace(from, to));
}

function instrument(dir, timesFile) {
  const patch = (file, from, to) => patchFile(join(dir, 'dist', file), from, to);
  // The client and the server both run cli.js: each writes its own file, the server's has the marks.
  patch('cli.js', "import { readFileSync } from 'node:fs';",
    `import { readFileSync, writeFileSync as __wf } from 'node:fs';\n${recorder(timesFile, '__wf')}`);
  for (const [file, from, to] of STAGES) patch(file, from, to);
}

/** A marked copy of the floor in the snapshot (its node_modules link serves it too); returns its path. */
function instrumentFloor(dir, timesFile) {
  const path = join(dir, 'bench', 'echo-floor.cjs');
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(join(REPO, 'bench', 'echo-floor.cjs'), path);
  patchFile(path, "'use strict';", `'use strict';\n${recorder(timesFile, "require('node:fs').writeFileSync")}`);
  for (const [from, to] of FLOOR_STAGES) patchFile(path, from, to);
  return path;
}

/** One record per probe: which way its echo was drawn, and the first time of each stage from a stdin read to the frame's write. */
function probes(marks) {
  const events = [];
  for (let i = 0; i < marks.length; i += 2) events.push([marks[i], marks[i + 1]]);
  const out = [];
  for (let i = 0; i < events.length; i++) {
    if (events[i][0] !== 'tty read') continue;
    const seen = {};
    for (let j = i; j < events.length && j < i + 40; j++) {
      const [name, t] = events[j];
      if (j > i && name === 'tty read') break;
      seen[name] ??= t;
      if (name === 'frame: tty write end') break;
    }
    const way = seen['tmx input handler'] === undefined ? 'the floor'
      : seen['echo drawn ahead'] !== undefined ? 'drawn ahead of the parse' : 'drawn by the frame after the parse';
    if ((ORDERS[way] ?? FLOOR_ORDER).every((n) => seen[n] !== undefined)) out.push({ way, seen });
  }
  return out;
}

/** The files of marks the processes wrote (timesFile.PID). */
function marksFiles(timesFile) {
  const prefix = `${basename(timesFile)}.`;
  return readdirSync(dirname(timesFile)).filter((f) => f.startsWith(prefix)).map((f) => join(dirname(timesFile), f));
}

/** The server's marks (the process that read the keys), once it has exited and written them. */
async function serverMarks(timesFile) {
  for (let tries = 0; tries < 100; tries++) {
    for (const file of marksFiles(timesFile)) {
      const marks = JSON.parse(readFileSync(file, 'utf8'));
      if (marks.includes('tty read')) return marks;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('echo-stages: no process wrote marks of keys read from the terminal (did the server read the tty itself?)');
}

/** One session of idle probes on `bin`, then its marks, median per stage, for each way an echo went. */
async function measure(bin, timesFile, o, nodeArgs) {
  const session = new Session('tmx', { data: ensureData(), controlOutput: true, tmxBin: bin, nodeArgs });
  let samples;
  try {
    await session.start();
    samples = (await cases.echoIdle(session, o.probes, o.gapMs)).samples;
    await session.stop();
  } finally {
    session.forceCleanup();
  }
  const all = probes(await serverMarks(timesFile));
  // The command typed to start cat echoes too; the probes are the last ones.
  const records = all.slice(-o.probes);
  const who = /echo-floor/.test(bin) ? 'the floor' : 'tmx';
  console.log(`${who}, echo idle: ${samples.length} probes, p50 ${fmt(median(samples))} ms from send-keys to %output (outer tmux)`);
  for (const [way, order] of [...Object.entries(ORDERS), ['the floor', FLOOR_ORDER]]) {
    const these = records.filter((r) => r.way === way).map((r) => r.seen);
    if (these.length === 0) continue;
    console.log(way === 'the floor'
      ? `inside the floor (${these.length} of ${records.length} probes, median µs between marks):`
      : `inside tmx, echo ${way} (${these.length} of ${records.length} probes, median µs between marks):`);
    for (let k = 1; k < order.length; k++) {
      const d = these.map((r) => (r[order[k]] - r[order[k - 1]]) * 1000);
      console.log(`  ${`${order[k - 1]} -> ${order[k]}`.padEnd(56)} ${fmt(median(d)).padStart(6)}`);
    }
    const total = these.map((r) => (r[order.at(-1)] - r[order[0]]) * 1000);
    console.log(`  ${'tty read -> echo written (total)'.padEnd(56)} ${fmt(median(total)).padStart(6)}`);
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const build = snapshotBuild(REPO);
  try {
    const timesFile = join(build.dir, 'echo-stages.json');
    instrument(build.dir, timesFile);
    await measure(build.bin, timesFile, o, o.nodeArgs);
    if (o.floor) {
      const floorTimes = join(build.dir, 'floor-stages.json');
      await measure(instrumentFloor(build.dir, floorTimes), floorTimes, o, []);
    }
  } finally {
    cleanupAll();
    build.remove(); // the files of marks with it
  }
}

main().catch((error) => {
  process.stderr.write(`echo-stages failed: ${error.stack ?? error.message}\n`);
  cleanupAll();
  process.exit(1);
});
