#!/usr/bin/env node
// What triggers cost, measured in-process without a terminal: the same 20,000 lines (about
// 1.3 MB, the shape of issue 17's flood) matched against N triggers. Deterministic input; the
// figures are CPU milliseconds (process.cpuUsage, the median of --repeat runs), which other
// load on the machine moves far less than wall-clock time. Runs the built dist/ (npm run build).
//
//   node bench/triggers-micro.mjs                          # matcher only, issue 17's triggers
//   node bench/triggers-micro.mjs --counts 1,100,1000,20000 --set mixed
//   node bench/triggers-micro.mjs --pipeline               # emulator + line tracker + matcher
//   node bench/triggers-micro.mjs --pipeline --file /tmp/tmx-bench-data-v1/ascii.txt   # the bench's a.txt
//
// --set issue: N `notify` triggers on x0, x1, ... (never match, as in issue 17).
// --set mixed: N realistic triggers (literals, alternations, classes, a few with no literal).
// --set bare: N triggers with no literal at all (like \b[A-Z]{3}\d{4}\s): each runs on every line.
// --pipeline: the bytes parsed by the headless emulator in 4 KiB chunks, each followed by the
// pane's trigger scan (app/pane-triggers.js); the time with triggers against the same with none
// (interleaved rounds), and how many lines were read off the screen (the rest were skipped:
// output-skip.ts).
// --file: the first 20,000 lines of that file (CR LF, as from a pty) instead of generated ones.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRandom } from './lib/random.mjs';

const REPO = resolve(import.meta.dirname, '..');
const dist = (p) => import(pathToFileURL(resolve(REPO, 'dist', p)).href);
const { compileTrigger } = await dist('triggers/compile.js');
const { TriggerMatcher } = await dist('triggers/matcher.js');

const LINES = 20_000;
/** A pty read is at most this much; the pipeline parses in chunks of it. */
const CHUNK_BYTES = 4096;

function parseArgs(argv) {
  const opts = { counts: [0, 1, 100, 1000], set: 'issue', repeat: 5, pipeline: false, file: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--counts') opts.counts = argv[++i].split(',').map(Number);
    else if (a === '--set') opts.set = argv[++i];
    else if (a === '--repeat') opts.repeat = Number(argv[++i]);
    else if (a === '--pipeline') opts.pipeline = true;
    else if (a === '--file') opts.file = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (!['issue', 'mixed', 'bare'].includes(opts.set)) throw new Error('--set wants issue, mixed or bare');
  return opts;
}

const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et ' +
  'dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea ' +
  'build test deploy 2048 0x7f3a 1.25 src/app/app.ts node_modules error warning info debug GET POST 200 404'
).split(' ');
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];

/** Log-like lines averaging ~65 characters: 20,000 of them make about 1.3 MB. */
function makeLines() {
  const rand = seededRandom(17);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const lines = [];
  for (let n = 0; n < LINES; n++) {
    let line = `2026-12-06 21:${String(n % 60).padStart(2, '0')}:07.${String(n % 1000).padStart(3, '0')} ${pick(LEVELS)} `;
    const target = 40 + Math.floor(rand() * 50);
    while (line.length < target) line += `${pick(WORDS)} `;
    lines.push(line.trimEnd());
  }
  return lines;
}

const MIXED = [
  (i) => ({ regex: `x${i}`, action: 'notify', message: 'x' }),
  (i) => ({ regex: `error: job ${i} failed \\((\\w+)\\)`, action: 'notify', message: '\\1' }),
  (i) => ({ regex: `(?:FATAL|PANIC) in worker-${i}\\b`, action: 'bell' }),
  (i) => ({ regex: `\\[[Ww]arn${i}\\] (.*)$`, action: 'set-title', title: '\\1' }),
  (i) => ({ regex: `^build ${i} (ok|failed)`, action: 'highlight', style: { fg: 1 } }),
  (i) => ({ regex: `request \\d+ took ${i}\\d{3} ms`, action: 'notify', message: 'slow' }),
  // One in 50 has no literal at all: the costly kind --check-config warns about.
  (i) => (i % 50 === 6 ? { regex: `^\\d{${2 + (i % 5)}}:\\w+$`, action: 'bell' } : { regex: `user-${i}@`, action: 'bell' }),
];

function makeTriggers(set, count) {
  const raws = [];
  for (let i = 0; i < count; i++) {
    if (set === 'issue') raws.push({ regex: `x${i}`, action: 'notify', message: `x${i}` });
    else if (set === 'bare') raws.push({ regex: `\\b[A-Z]{${1 + (i % 9)}}\\d{${1 + (Math.floor(i / 9) % 9)}}\\s{${1 + Math.floor(i / 81)}}`, action: 'bell' });
    else raws.push(MIXED[i % MIXED.length](i));
  }
  return raws.map((raw) => {
    const compiled = compileTrigger(raw, []);
    if (!compiled) throw new Error(`bad trigger ${JSON.stringify(raw)}`);
    return compiled;
  });
}

function cpuMs(body) {
  const before = process.cpuUsage();
  const result = body();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function matcherOnly(lines, triggers, repeat) {
  const samples = [];
  let firings = 0;
  for (let r = 0; r < repeat; r++) {
    const matcher = new TriggerMatcher(triggers, () => 0, { applyLimits: false });
    const { ms, result } = cpuMs(() => {
      let count = 0;
      for (let id = 0; id < lines.length; id++) count += matcher.match({ id, text: lines[id], complete: true, altScreen: false }).length;
      return count;
    });
    samples.push(ms);
    firings = result;
  }
  return { ms: median(samples), firings };
}

/**
 * The pane's path: the emulator parses 4 KiB chunks (a pty read), and after each the pane's
 * triggers (app/pane-triggers.js: line tracker, matcher, time budget) scan what changed, as
 * in tmx. The pane around them is a stand-in that records what the firings would do.
 */
async function pipeline(bytes, triggers, repeat) {
  const { Emulator } = await dist('emulator/emulator.js');
  const { PaneTriggers } = await dist('app/pane-triggers.js');
  const samples = [];
  let messages = [];
  let read = 0;
  for (let r = 0; r < repeat; r++) {
    const emulator = new Emulator({ cols: 120, rows: 39, scrollback: 10_000 });
    const logicalLineText = emulator.logicalLineText.bind(emulator);
    emulator.logicalLineText = (row, max) => (read++, logicalLineText(row, max));
    read = 0;
    const pane = { emulator, write: () => undefined, markDirty: () => undefined, titleOverride: '' };
    messages = [];
    const effects = { runCoprocess: () => undefined, askZmodem: () => undefined, showMessage: (m) => messages.push(m), bell: () => undefined, requestRender: () => undefined };
    const paneTriggers = triggers.length > 0 ? new PaneTriggers(pane, triggers, effects) : undefined;
    const before = process.cpuUsage();
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      await new Promise((done) => emulator.write(bytes.subarray(at, at + CHUNK_BYTES), done));
      paneTriggers?.scan();
    }
    // Lines the budget left for later are matched by follow-up scans: wait for them (idle costs no CPU).
    while (paneTriggers && !paneTriggers.caughtUp) await new Promise((done) => setTimeout(done, 2));
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
    paneTriggers?.dispose();
    emulator.dispose();
  }
  const skipped = messages.filter((m) => m.startsWith('Triggers fell behind'));
  return { ms: median(samples), skipped, read };
}

const opts = parseArgs(process.argv.slice(2));
const lines = opts.file ? readFileSync(opts.file, 'latin1').split('\n').slice(0, LINES) : makeLines();
const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
console.log(`triggers micro-bench: ${LINES} lines (${(bytes.length / 1e6).toFixed(2)} MB), set ${opts.set}, median CPU ms of ${opts.repeat}, node ${process.version}`);
if (opts.pipeline) {
  // Warm up both paths first: measured cold, the first (the base) took the JIT's time.
  await pipeline(bytes, makeTriggers(opts.set, 100), 2);
  await pipeline(bytes, [], 2);
  // Interleaved: a flood with none, then one with each count, --repeat rounds; each ratio is
  // the median over rounds of (with / the flood with none of the same round), so that a change
  // of the machine's load between rounds moves both sides of a ratio alike.
  const counts = opts.counts.filter((c) => c > 0);
  const sets = new Map(counts.map((c) => [c, makeTriggers(opts.set, c)]));
  const base = [];
  const runs = new Map(counts.map((c) => [c, { ms: [], ratios: [], read: 0, skipped: [] }]));
  for (let round = 0; round < opts.repeat; round++) {
    const none = await pipeline(bytes, [], 1);
    base.push(none.ms);
    for (const count of counts) {
      const r = await pipeline(bytes, sets.get(count), 1);
      const run = runs.get(count);
      run.ms.push(r.ms);
      run.ratios.push(r.ms / none.ms);
      run.read = r.read;
      run.skipped.push(...r.skipped);
    }
  }
  console.log(`pipeline, no triggers: ${fmt(median(base))} ms (the emulator's parse: a pane with no triggers tracks no lines)`);
  for (const count of counts) {
    const r = runs.get(count);
    const extra = median(r.ms) - median(base);
    console.log(`pipeline, ${String(count).padStart(5)} triggers: ${fmt(median(r.ms))} ms, ${fmt(median(r.ratios))}x no triggers (median of rounds)` +
      `, +${fmt((extra * 1000) / LINES)} µs a line, ${r.read} lines read${r.skipped.length ? ` (${r.skipped.join('; ')})` : ''}`);
  }
} else {
  for (const count of opts.counts) {
    const triggers = makeTriggers(opts.set, count);
    const r = matcherOnly(lines, triggers, opts.repeat);
    console.log(`matcher, ${String(count).padStart(5)} triggers: ${fmt(r.ms).padStart(7)} ms  (${fmt((r.ms * 1000) / LINES)} µs/line, ${r.firings} firings)`);
  }
}
