#!/usr/bin/env node
// `npm run bench`: tmx against tmux, same machine, same outer terminal (a private tmux
// server's 120x40 pane), alternating A B A B, medians and tmx/tmux ratios. See bench/README.md.
//
//   node bench/run.mjs [--runs N] [--quick] [--only tmx|tmux] [--cases LIST] [--tmx PATH/TO/tmx.js] [--no-json]
//
// --cases picks sessions (comma-separated: throughput, quad, memory, attach, echo) or shapes of output
// (short, shortcat, redraw, wide, piped, drain: one session for those picked) when working on one target; a partial run's JSON is named with its cases so it never passes for a full one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureData, MiB } from './lib/data.mjs';
import { Session, REPO, cleanupAll, now } from './lib/session.mjs';

/** The echo floor: a pass-through with no emulator, measured beside tmx (see echo-floor.cjs). */
const FLOOR_BIN = join(REPO, 'bench/echo-floor.cjs');
/** Time a shape may take in one run, both multiplexers (a broken build ends the run, not hangs it). */
const SHAPE_BUDGET_MS = 60_000;
/** Attaches (each after a detach) per run in the attach case. */
const ATTACHES = 5;
/** Coprocess / warm pairs per run (a full run; --quick does one), in both orders alike. */
const COPROCESS_PAIRS = 4;
import * as cases from './lib/cases.mjs';
import * as triggerCases from './lib/trigger-cases.mjs';
import { median, percentile, fmt } from './lib/stats.mjs';
import { snapshotBuild } from './lib/snapshot.mjs';

const USAGE = 'usage: node bench/run.mjs [--runs N] [--quick] [--only tmx|tmux] [--cases throughput,quad,memory,attach,echo,short,shortcat,redraw,wide,piped,drain,triggers] [--tmx PATH/TO/tmx.js] [--node-arg FLAG]... [--no-json]\n' +
  '       node bench/run.mjs --pool RESULT.json...   (the runs of earlier benches, summarized together)';
/** `seq SEQ_LAST` prints SEQ_BYTES, just under 5 MiB (the numbers and their newlines). */
const SEQ_LAST = 764853;
let SEQ_BYTES = 0;
for (let n = 1; n <= SEQ_LAST; n++) SEQ_BYTES += String(n).length + 1;
/**
 * The shapes of output (issue 17), each a file cat in one pane, measured in one session per
 * multiplexer: key -> the data file (its first letter is its name in the pane), how it is run.
 */
const SHAPES = {
  // seq writes each line on its own (stdout is a tty: line-buffered), as most logs and builds do.
  short: { label: 'short lines, seq 5 MiB', bytes: SEQ_BYTES, run: (session) => cases.commandThroughput(session, `seq ${SEQ_LAST}`, SEQ_BYTES) },
  shortcat: { file: 'short', label: 'short lines, cat 5 MiB', run: cases.catThroughput },
  redraw: { file: 'redraw', label: 'full-screen redraw 5 MiB', run: cases.catThroughput },
  wide: { file: 'wide', label: 'CJK/wide text 5 MiB', run: cases.catThroughput },
  piped: { file: 'colour', label: 'colour 20 MiB, coprocess/pipe-pane', run: cases.pipedThroughput },
  drain: { file: 'quarter', label: 'drain after a paused coprocess 5 MiB', run: cases.drainThroughput },
};
/** The memory case's RSS by kind of mapping (Session.rssPartsKiB). */
const MEMORY_PARTS = ['files', 'mallocHeap', 'anonymous'];
const MEMORY_PART_LABELS = {
  files: 'of which files mapped (binary, libraries)',
  mallocHeap: 'of which malloc heap (brk)',
  anonymous: 'of which anonymous (V8 heap, big blocks)',
};
const CASES = ['throughput', 'quad', 'memory', 'attach', 'echo', ...Object.keys(SHAPES), 'triggers'];

function parseArgs(argv) {
  const opts = { runs: 5, quick: false, json: true, only: undefined, cases: CASES };
  let runsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--no-json') opts.json = false;
    else if (a === '--runs' || a.startsWith('--runs=')) {
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      opts.runs = Number(v);
      runsGiven = true;
      if (!Number.isInteger(opts.runs) || opts.runs < 1 || opts.runs > 50) throw new Error(`--runs wants a whole number 1..50, got ${v}\n${USAGE}`);
    } else if (a === '--only') {
      opts.only = argv[++i];
      if (opts.only !== 'tmx' && opts.only !== 'tmux') throw new Error(`--only wants tmx or tmux\n${USAGE}`);
    } else if (a === '--cases') {
      opts.cases = String(argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = opts.cases.filter((c) => !CASES.includes(c));
      if (unknown.length || !opts.cases.length) throw new Error(`--cases wants some of ${CASES.join(',')}, got ${unknown.join(',') || 'nothing'}\n${USAGE}`);
    } else if (a === '--node-arg') {
      // A V8/Node flag for tmx's node (repeatable), e.g. --node-arg --max-semi-space-size=2.
      (opts.nodeArgs ??= []).push(argv[++i]);
    } else if (a === '--tmx') {
      // Another build of tmx (e.g. a patched copy) to measure instead of this repo's bin/tmx.js.
      opts.tmxBin = argv[++i];
      if (!opts.tmxBin) throw new Error(`--tmx wants a path to tmx.js\n${USAGE}`);
    } else if (a === '--pool') {
      // On a noisy machine more runs make steadier medians: the runs of several benches, pooled.
      opts.pool = argv.slice(i + 1);
      i = argv.length;
      if (opts.pool.length === 0) throw new Error(`--pool wants result files\n${USAGE}`);
    } else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (opts.quick && !runsGiven) opts.runs = 1;
  return opts;
}

/** Budget for a whole run; past it the bench stops with an error rather than hang. */
function budgetMs(opts) {
  const shapes = opts.cases.filter((c) => c in SHAPES).length;
  return ((opts.quick ? 4 : 3) * 60_000 + SHAPE_BUDGET_MS * shapes) * opts.runs + 120_000;
}

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', cwd: REPO, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    tmux: sh('tmux', ['-V']),
    commit: sh('git', ['rev-parse', '--short', 'HEAD']) ?? 'nocommit',
    dirty: Boolean(sh('git', ['status', '--porcelain', '--untracked-files=no'])),
    loadavgAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

function newSamples() {
  return {
    startupMs: [], rssIdleKiB: [], colourMs: [], asciiMs: [], quadMs: [], rssAfterQuadKiB: [], rssScrollbackKiB: [],
    colourMuxCpu: [], colourOuterCpu: [], colourOutRatio: [], asciiMuxCpu: [], asciiOutRatio: [],
    echoIdleMs: [], echoFloodMs: [], echoHostileMs: [], echoMisses: 0,
    ...Object.fromEntries(Object.keys(SHAPES).flatMap((k) => [[`${k}Ms`, []], [`${k}CpuSec`, []]])),
    coprocColourMs: [], colourWarmMs: [], coprocFirstPair: [], coprocFaults: [], warmFaults: [], coprocIntake: [], floorEchoIdleMs: [],
    // Triggers (tmx only): 20,000-line floods with 0 / 100 / 1,000 triggers; echo during a flood with 1,000.
    trig0Ms: [], trig100Ms: [], trig1000Ms: [], trig0CpuMs: [], trig100CpuMs: [], trig1000CpuMs: [], trigFloodsWithLoss: 0, trigEchoIdleMs: [], trigEchoFloodMs: [],
  };
}

async function withSession(kind, data, extra, body) {
  const session = new Session(kind, { data, tmxBin: OPTS.tmxBin, nodeArgs: OPTS.nodeArgs, ...extra });
  try {
    const startup = await session.start();
    const result = await body(session, startup);
    await session.stop();
    return result;
  } finally {
    session.forceCleanup();
  }
}

let OPTS = {};
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);

async function runSessions(kind, data, s, opts) {
  const { colour, ascii, quarter } = data.files;
  const probes = opts.quick ? 15 : 40;
  const wanted = (name) => opts.cases.includes(name);
  // Session 1: start-up, idle RSS, single-pane throughput, coprocess cost (tmx).
  if (wanted('throughput')) await withSession(kind, data, {}, async (session, startup) => {
    s.startupMs.push(startup);
    s.rssIdleKiB.push(session.rssKiB());
    const c = await cases.catThroughput(session, 'c.txt', colour.bytes);
    s.colourMs.push(c.ms);
    s.colourMuxCpu.push(c.muxCpu);
    s.colourOuterCpu.push(c.outerCpu);
    s.colourOutRatio.push(c.outerBytesPerInputByte);
    log(`  ${kind}: start-up ${fmt(startup)} ms, colour ${fmt(c.ms)} ms (${fmt(c.mbps)} MB/s)`);
    const a = await cases.catThroughput(session, 'a.txt', ascii.bytes);
    s.asciiMs.push(a.ms);
    s.asciiMuxCpu.push(a.muxCpu);
    s.asciiOutRatio.push(a.outerBytesPerInputByte);
    log(`  ${kind}: ascii ${fmt(a.ms)} ms (${fmt(a.mbps)} MB/s)`);
    if (kind === 'tmx') await measureCoprocess(session, colour, s, opts);
  });
  // Session 2: four panes printing at once.
  if (wanted('quad')) await withSession(kind, data, {}, async (session, startup) => {
    s.startupMs.push(startup);
    const q = await cases.quadThroughput(session, quarter.bytes);
    s.quadMs.push(q.ms);
    (s.quadCpuSec ??= []).push(q.cpuSec);
    s.rssAfterQuadKiB.push(session.rssKiB());
    log(`  ${kind}: 4 panes ${fmt(q.ms)} ms (${fmt(q.mbps)} MB/s aggregate)`);
  });
  // Session 2b: the shapes of output, one after another in one session, after a warm-up.
  const shapes = Object.keys(SHAPES).filter(wanted);
  if (shapes.length) await withSession(kind, data, {}, async (session, startup) => {
    s.startupMs.push(startup);
    await measureShapes(kind, session, data, s, shapes);
  });
  // Session 3: memory with 4 x 10,000 lines of scrollback.
  if (wanted('memory')) await withSession(kind, data, {}, async (session, startup) => {
    s.startupMs.push(startup);
    const m = await cases.memory(session, opts.quick ? 1000 : 2000);
    s.rssScrollbackKiB.push(m.rssKiB);
    for (const [part, kib] of Object.entries(m.parts)) (s[`rssScrollback_${part}KiB`] ??= []).push(kib);
    (s.rssServerKiB ??= []).push(m.split.server);
    (s.rssClientKiB ??= []).push(m.split.client);
    (s.rssClientPrivateKiB ??= []).push(m.split.clientPrivate);
    log(`  ${kind}: server ${fmt(m.split.server / 1024)} MiB, client ${fmt(m.split.client / 1024)} MiB (of which its own ${fmt(m.split.clientPrivate / 1024)})`);
    log(`  ${kind}: RSS 4x10k lines ${fmt(m.rssKiB / 1024)} MiB (${Object.entries(m.parts).map(([k, v]) => `${k} ${fmt(v / 1024)}`).join(', ')})`);
  });
  // Session 3b: attach to a session whose pane floods, after a detach (issue 16).
  if (wanted('attach')) await withSession(kind, data, {}, async (session, startup) => {
    s.startupMs.push(startup);
    const a = await cases.attachBusy(session, opts.quick ? 2 : ATTACHES);
    (s.attachMs ??= []).push(...a.samples);
    log(`  ${kind}: attach to a busy session ${a.samples.map(fmt).join(' ')} ms`);
  });
  // Session 4: echo latency, with %output from the control client.
  if (wanted('echo')) await withSession(kind, data, { controlOutput: true }, async (session, startup) => {
    s.startupMs.push(startup);
    const e = await cases.echoLatency(session, probes);
    s.echoIdleMs.push(...e.idle.samples);
    s.echoFloodMs.push(...e.flood.samples);
    s.echoMisses += e.idle.misses + e.flood.misses;
    log(`  ${kind}: echo idle p50 ${fmt(median(e.idle.samples))} ms, flood p50 ${fmt(median(e.flood.samples))} ms` +
      (e.idle.misses + e.flood.misses ? ` (${e.idle.misses + e.flood.misses} probes lost)` : ''));
  });
  // Session 4b: echo latency while another pane prints 9 MB titles without end.
  if (wanted('echo')) await withSession(kind, data, { controlOutput: true }, async (session) => {
    const e = await cases.echoHostile(session, probes);
    s.echoHostileMs.push(...e.samples);
    s.echoMisses += e.misses;
    log(`  ${kind}: echo beside 9 MB titles p50 ${fmt(median(e.samples))} ms, p90 ${fmt(percentile(e.samples, 90))} ms` +
      (e.misses ? ` (${e.misses} probes lost)` : ''));
  });
  // Trigger sessions (tmx only): what triggers cost, one session per rc file (bench/lib/trigger-cases.mjs).
  if (wanted('triggers') && kind === 'tmx') await triggerSessions(kind, data, s, opts, probes);
  // Session 5 (with tmx's turn): the echo floor, a pass-through with no emulator (echo-floor.cjs).
  if (wanted('echo') && kind === 'tmx') await withSession(kind, data, { controlOutput: true, tmxBin: FLOOR_BIN }, async (session) => {
    const e = await cases.echoIdle(session, probes);
    s.floorEchoIdleMs.push(...e.samples);
    s.echoMisses += e.misses;
    log(`  floor (pass-through): echo idle p50 ${fmt(median(e.samples))} ms`);
  });
}

/** tmx only: colour with a coprocess against warm runs beside it, then the coprocess's intake. */
async function measureCoprocess(session, colour, s, opts) {
  // The session's first colour run (before this) is cold (JIT warm-up); each coprocess run
  // is measured against a warm run beside it, in the same session. Several pairs, because one
  // pair's ratio moves by +-20% on this VM, in alternating order (with, without / without,
  // with), because the first run of two in a row measured ~5% slower even with no coprocess
  // at all. The session's first pair is also reported alone (it carries the coprocess path's
  // own warm-up).
  for (let pair = 0; pair < (opts.quick ? 1 : COPROCESS_PAIRS); pair++) {
    const warmFirst = pair % 2 === 1;
    const before = warmFirst ? await cases.catThroughput(session, 'c.txt', colour.bytes) : undefined;
    const cp = await cases.coprocessThroughput(session, colour.bytes);
    const warm = before ?? await cases.catThroughput(session, 'c.txt', colour.bytes);
    s.coprocColourMs.push(cp.ms);
    s.colourWarmMs.push(warm.ms);
    s.coprocFirstPair.push(pair === 0);
    s.coprocFaults.push(cp.muxMinorFaults);
    s.warmFaults.push(warm.muxMinorFaults);
    log(`  tmx: colour+coprocess ${fmt(cp.ms)} ms vs warm ${fmt(warm.ms)} ms without (${fmt(cp.ms / warm.ms)}); ` +
      `page faults ${cp.muxMinorFaults} vs ${warm.muxMinorFaults}`);
  }
  const intake = await cases.coprocessIntake(session, colour.bytes);
  s.coprocIntake.push(intake);
  if (!intake.complete) throw new Error(`coprocess received ${intake.bytes} bytes, fewer than the ${colour.bytes} printed`);
  log(`  tmx: coprocess intake ${fmt(intake.mbps)} MB/s (${intake.bytes} bytes)`);
}

/** The shapes of output (SHAPES), one after another in one session, after a warm-up. */
async function measureShapes(kind, session, data, s, shapes) {
  await cases.warmUp(session);
  for (const shape of shapes) {
    const { file, label, run } = SHAPES[shape];
    const r = await run(session, file && `${file[0]}.txt`, file && data.files[file].bytes);
    s[`${shape}Ms`].push(r.ms);
    if (r.muxCpu !== undefined) s[`${shape}CpuSec`].push((r.muxCpu * r.ms) / 1000);
    log(`  ${kind}: ${label} ${fmt(r.ms)} ms (${fmt(r.mbps)} MB/s)`);
  }
}

async function triggerSessions(kind, data, s, opts, probes) {
  const floods = opts.quick ? 1 : 3;
  for (const count of triggerCases.TRIGGER_COUNTS) {
    const rc = triggerCases.triggerRc(count);
    await withSession(kind, data, rc ? { homeFiles: { '.tmxrc.json': rc } } : {}, async (session, startup) => {
      s.startupMs.push(startup);
      const f = await triggerCases.triggerFlood(session, count, floods);
      s[`trig${count}Ms`].push(...f.ms);
      s[`trig${count}CpuMs`].push(...f.cpuMs);
      s.trigFloodsWithLoss += f.floodsWithLoss;
      log(`  ${kind}: ${triggerCases.FLOOD_LINES} lines, ${count} triggers: ${f.ms.map(fmt).join(' ')} ms (CPU ${f.cpuMs.map(fmt).join(' ')} ms)` +
        (f.floodsWithLoss ? ` (${f.floodsWithLoss} flood(s) with lines the triggers did not match)` : ''));
    });
  }
  const rc = triggerCases.triggerRc(triggerCases.ECHO_TRIGGERS);
  await withSession(kind, data, { controlOutput: true, homeFiles: { '.tmxrc.json': rc } }, async (session, startup) => {
    s.startupMs.push(startup);
    await triggerCases.triggersLive(session);
    const e = await cases.echoLatency(session, probes);
    s.trigEchoIdleMs.push(...e.idle.samples);
    s.trigEchoFloodMs.push(...e.flood.samples);
    s.echoMisses += e.idle.misses + e.flood.misses;
    log(`  ${kind}: ${triggerCases.ECHO_TRIGGERS} triggers, echo idle p50 ${fmt(median(e.idle.samples))} ms, ` +
      `flood p50 ${fmt(median(e.flood.samples))} p90 ${fmt(percentile(e.flood.samples, 90))} ms`);
  });
}

function summarize(samples, data) {
  const { colour, ascii, quarter } = data.files;
  const mbps = (bytes, ms) => (ms ? bytes / MiB / (ms / 1000) : undefined);
  const per = (k) => {
    const x = samples[k];
    if (!x) return undefined;
    const intake = x.coprocIntake.map((i) => i.mbps);
    return {
      startupMs: median(x.startupMs),
      colourMs: median(x.colourMs), colourMBps: mbps(colour.bytes, median(x.colourMs)),
      colourMuxCpu: median(x.colourMuxCpu), colourOuterCpu: median(x.colourOuterCpu), colourOutRatio: median(x.colourOutRatio),
      asciiMuxCpu: median(x.asciiMuxCpu), asciiOutRatio: median(x.asciiOutRatio),
      asciiMs: median(x.asciiMs), asciiMBps: mbps(ascii.bytes, median(x.asciiMs)),
      quadMs: median(x.quadMs), quadMBps: mbps(4 * quarter.bytes, median(x.quadMs)), quadCpuSec: median(x.quadCpuSec ?? []),
      echoIdleP50: median(x.echoIdleMs), echoIdleP90: percentile(x.echoIdleMs, 90),
      floorEchoIdleP50: median(x.floorEchoIdleMs),
      echoFloodP50: median(x.echoFloodMs), echoFloodP90: percentile(x.echoFloodMs, 90),
      echoHostileP50: median(x.echoHostileMs ?? []), echoHostileP90: percentile(x.echoHostileMs ?? [], 90),
      rssIdleMiB: median(x.rssIdleKiB) / 1024,
      attachMs: median(x.attachMs ?? []), attachP90: percentile(x.attachMs ?? [], 90),
      rssScrollbackMiB: median(x.rssScrollbackKiB) / 1024,
      rssAfterQuadMiB: median(x.rssAfterQuadKiB) / 1024,
      rssServerMiB: median(x.rssServerKiB ?? []) / 1024, rssClientMiB: median(x.rssClientKiB ?? []) / 1024,
      rssServerClientOwnMiB: median((x.rssServerKiB ?? []).map((v, i) => v + x.rssClientPrivateKiB[i])) / 1024,
      ...Object.fromEntries(MEMORY_PARTS.map((p) => [`rssScrollback_${p}MiB`, median(x[`rssScrollback_${p}KiB`] ?? []) / 1024])),
      coprocColourMs: median(x.coprocColourMs), colourWarmMs: median(x.colourWarmMs), coprocIntakeMBps: median(intake),
      // Each run's coprocess time against the warm run beside it: less noise than a ratio of medians.
      coprocPairedRatio: median(x.coprocColourMs.map((v, i) => v / x.colourWarmMs[i])),
      ...Object.fromEntries(Object.keys(SHAPES).flatMap((k) => [[`${k}Ms`, median(x[`${k}Ms`] ?? [])], [`${k}CpuSec`, median(x[`${k}CpuSec`] ?? [])]])),
      coprocFirstPairRatio: median(x.coprocColourMs.map((v, i) => v / x.colourWarmMs[i]).filter((_, i) => x.coprocFirstPair[i])),
      trig0Ms: median(x.trig0Ms ?? []), trig100Ms: median(x.trig100Ms ?? []), trig1000Ms: median(x.trig1000Ms ?? []),
      trig0CpuMs: median(x.trig0CpuMs ?? []), trig100CpuMs: median(x.trig100CpuMs ?? []), trig1000CpuMs: median(x.trig1000CpuMs ?? []),
      trigFloodsWithLoss: x.trigFloodsWithLoss,
      trigEchoFloodP50: median(x.trigEchoFloodMs ?? []), trigEchoFloodP90: percentile(x.trigEchoFloodMs ?? [], 90),
    };
  };
  return { tmx: per('tmx'), tmux: per('tmux') };
}

function table(med) {
  const t = med.tmx ?? {};
  const m = med.tmux ?? {};
  const ratio = (a, b) => (a !== undefined && b ? a / b : undefined);
  const rows = [
    ['throughput colour 20 MiB (s)', t.colourMs / 1000, m.colourMs / 1000, ratio(t.colourMs, m.colourMs), '<= 1.0', (r) => r <= 1],
    ['  = MB/s', t.colourMBps, m.colourMBps],
    ['  multiplexer CPU (cores busy)', t.colourMuxCpu, m.colourMuxCpu],
    ['  outer tmux CPU (cores busy)', t.colourOuterCpu, m.colourOuterCpu],
    ['  bytes to outer / input byte', t.colourOutRatio, m.colourOutRatio],
    ['throughput ASCII 20 MiB (s)', t.asciiMs / 1000, m.asciiMs / 1000, ratio(t.asciiMs, m.asciiMs), '<= 1.0', (r) => r <= 1],
    ['  = MB/s', t.asciiMBps, m.asciiMBps],
    ['  multiplexer CPU (cores busy)', t.asciiMuxCpu, m.asciiMuxCpu],
    ['  bytes to outer / input byte', t.asciiOutRatio, m.asciiOutRatio],
    ['4 panes x 5 MiB colour (s)', t.quadMs / 1000, m.quadMs / 1000, ratio(t.quadMs, m.quadMs), '<= 1.0', (r) => r <= 1],
    ['  = aggregate MB/s', t.quadMBps, m.quadMBps],
    ['  multiplexer CPU time (s)', t.quadCpuSec, m.quadCpuSec, ratio(t.quadCpuSec, m.quadCpuSec)],
    ['echo latency idle p50 (ms)', t.echoIdleP50, m.echoIdleP50, ratio(t.echoIdleP50, m.echoIdleP50), '<= 1.25', (r) => r <= 1.25],
    ['  p90 (ms)', t.echoIdleP90, m.echoIdleP90, ratio(t.echoIdleP90, m.echoIdleP90)],
    ['  floor: Node pass-through p50 (ms)', t.floorEchoIdleP50, m.echoIdleP50, ratio(t.floorEchoIdleP50, m.echoIdleP50), '', undefined, 'floor**'],
    ['echo latency flood p50 (ms)', t.echoFloodP50, m.echoFloodP50, ratio(t.echoFloodP50, m.echoFloodP50), '<= 2.0', (r) => r <= 2],
    ['  p90 (ms)', t.echoFloodP90, m.echoFloodP90, ratio(t.echoFloodP90, m.echoFloodP90)],
    ['echo beside 9 MB titles p50 (ms)', t.echoHostileP50, m.echoHostileP50, ratio(t.echoHostileP50, m.echoHostileP50)],
    ['  p90 (ms)', t.echoHostileP90, m.echoHostileP90, ratio(t.echoHostileP90, m.echoHostileP90), '<= 100 ms', () => t.echoHostileP90 <= 100],
    ['RSS 1 pane idle (MiB)', t.rssIdleMiB, m.rssIdleMiB, ratio(t.rssIdleMiB, m.rssIdleMiB)],
    ['RSS 4 panes x 10k lines (MiB)', t.rssScrollbackMiB, m.rssScrollbackMiB, ratio(t.rssScrollbackMiB, m.rssScrollbackMiB), '<= 150 MiB', () => t.rssScrollbackMiB <= 150],
    ...MEMORY_PARTS.map((p) => [`  ${MEMORY_PART_LABELS[p]}`, t[`rssScrollback_${p}MiB`], m[`rssScrollback_${p}MiB`]]),
    ['  server alone', t.rssServerMiB, m.rssServerMiB, ratio(t.rssServerMiB, m.rssServerMiB)],
    ['  client alone', t.rssClientMiB, m.rssClientMiB, ratio(t.rssClientMiB, m.rssClientMiB)],
    ['  server + client\'s own pages', t.rssServerClientOwnMiB, m.rssServerClientOwnMiB, ratio(t.rssServerClientOwnMiB, m.rssServerClientOwnMiB), '<= 150 MiB', () => t.rssServerClientOwnMiB <= 150],
    ['RSS after 4-pane flood (MiB)', t.rssAfterQuadMiB, m.rssAfterQuadMiB, ratio(t.rssAfterQuadMiB, m.rssAfterQuadMiB)],
    ['attach to a busy session (ms)', t.attachMs, m.attachMs, ratio(t.attachMs, m.attachMs), '<= 300 ms', () => t.attachMs <= 300],
    ['  p90 (ms)', t.attachP90, m.attachP90, ratio(t.attachP90, m.attachP90)],
    ['start-up to prompt (ms)', t.startupMs, m.startupMs, ratio(t.startupMs, m.startupMs), '<= 500 ms', () => t.startupMs <= 500],
    ['tmx colour, warm, no coprocess (s)', t.colourWarmMs / 1000, undefined],
    ['  + coprocess cat>/dev/null (s)', t.coprocColourMs / 1000, undefined, t.coprocPairedRatio, 'loss <= 10%', (r) => r <= 1.1, 'vs warm*'],
    ['  first pair of each session only', undefined, undefined, t.coprocFirstPairRatio, '', undefined, 'vs warm*'],
    ['coprocess intake (MB/s)', t.coprocIntakeMBps, undefined],
    ...Object.entries(SHAPES).flatMap(([k, { label }]) => [
      [`${label} (s)`, t[`${k}Ms`] / 1000, m[`${k}Ms`] / 1000, ratio(t[`${k}Ms`], m[`${k}Ms`]), '<= 1.0', (r) => r <= 1],
      // CPU time moves less than wall time with the machine's load: a second view of the same race.
      ['  multiplexer CPU time (s)', t[`${k}CpuSec`], m[`${k}CpuSec`], ratio(t[`${k}CpuSec`], m[`${k}CpuSec`])],
    ]),
    ['tmx 20,000-line flood, no triggers (s)', t.trig0Ms / 1000, undefined],
    ['  with 100 triggers (s)', t.trig100Ms / 1000, undefined, ratio(t.trig100Ms, t.trig0Ms), '<= 1.10', (r) => r <= 1.1, 'vs none'],
    ['  with 1,000 triggers (s)', t.trig1000Ms / 1000, undefined, ratio(t.trig1000Ms, t.trig0Ms), '<= 2.0', (r) => r <= 2, 'vs none'],
    ['  tmx CPU, no triggers (s)', t.trig0CpuMs / 1000, undefined],
    ['  tmx CPU, 100 triggers (s)', t.trig100CpuMs / 1000, undefined, ratio(t.trig100CpuMs, t.trig0CpuMs), '', undefined, 'vs none'],
    ['  tmx CPU, 1,000 triggers (s)', t.trig1000CpuMs / 1000, undefined, ratio(t.trig1000CpuMs, t.trig0CpuMs), '', undefined, 'vs none'],
    ['  floods with lines not matched', t.trigFloodsWithLoss, undefined],
    ['echo, flood, 1,000 triggers p50 (ms)', t.trigEchoFloodP50, m.echoFloodP50, ratio(t.trigEchoFloodP50, 50), '<= 50 ms', (r) => r <= 1, 'of 50'],
    ['  p90 (ms)', t.trigEchoFloodP90, m.echoFloodP90, ratio(t.trigEchoFloodP90, 50), '<= 50 ms', (r) => r <= 1, 'of 50'],
  ];
  const head = ['metric (medians)', 'tmx', 'tmux', 'tmx/tmux', 'target', ''];
  const lines = rows.map(([name, a, b, r, target, ok, note]) => [
    name, fmt(a), fmt(b), r === undefined || Number.isNaN(r) ? '' : `${fmt(r)}${note ? ` ${note}` : ''}`,
    target ?? '', ok && r !== undefined && !Number.isNaN(r) ? (ok(r) ? 'ok' : 'MISS') : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmtRow = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [fmtRow(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmtRow)].join('\n');
}

/** How the trigger case compares counts (bench/lib/trigger-cases.mjs), recorded in each result file. */
const TRIGGER_DESIGN = 'separate servers, one per count';

/** Every sample of the given result files together, as if one bench had made all their runs. */
function pooled(files) {
  const results = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
  const samples = {};
  for (const result of results) {
    for (const [kind, own] of Object.entries(result.samples)) {
      const into = (samples[kind] ??= newSamples());
      for (const [key, value] of Object.entries(own)) {
        if (Array.isArray(value)) (into[key] ??= []).push(...value);
        else if (typeof value === 'number') into[key] = (into[key] ?? 0) + value;
      }
    }
  }
  const files0 = Object.fromEntries(Object.entries(results[0].data).map(([name, bytes]) => [name, { bytes }]));
  return {
    samples,
    data: { files: files0 },
    runs: results.reduce((n, r) => n + r.options.runs, 0),
    commits: [...new Set(results.map((r) => r.machine.commit + (r.machine.dirty ? '+dirty' : '')))],
    triggerDesigns: [...new Set(results.filter((r) => r.samples.tmx?.trig0Ms?.length).map((r) => r.triggerDesign ?? TRIGGER_DESIGN))],
  };
}

function printPooled(files) {
  const pool = pooled(files);
  console.log(`tmx vs tmux: ${pool.runs} runs pooled from ${files.length} bench result(s), commits ${pool.commits.join(', ')}`);
  console.log(table(summarize(pool.samples, pool.data)));
  if (pool.triggerDesigns.length > 1) console.log(`(the trigger rows pool two designs of the case: ${pool.triggerDesigns.join('; ')})`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  OPTS = opts;
  if (opts.pool) return printPooled(opts.pool);
  const kinds = opts.only ? [opts.only] : ['tmx', 'tmux'];
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
  } catch {
    throw new Error('tmux is not installed: the bench needs it as the outer terminal and as the baseline');
  }
  if (!opts.tmxBin) {
    // Others may rebuild dist/ while the bench runs: measure a frozen copy of this build.
    const snapshot = snapshotBuild(REPO);
    process.on('exit', () => snapshot.remove());
    opts.tmxBin = snapshot.bin;
  }
  const facts = machine();
  log(`tmx bench: ${opts.runs} run(s)${opts.quick ? ', quick' : ''}; ${facts.cpu} x${facts.cores}, node ${facts.node}, ${facts.tmux}`);
  const data = ensureData();
  const samples = Object.fromEntries(kinds.map((k) => [k, newSamples()]));
  const started = now();
  const budget = budgetMs(opts);
  const watchdog = setTimeout(() => {
    log(`tmx bench: over the time budget (${Math.round(budget / 1000)} s); stopping`);
    cleanupAll();
    process.exit(3);
  }, budget);
  watchdog.unref();
  for (let run = 0; run < opts.runs; run++) {
    // A B A B: alternate which goes first, so drift (thermal, other load) hits both alike.
    const order = run % 2 === 0 ? kinds : [...kinds].reverse();
    log(`run ${run + 1}/${opts.runs}`);
    for (const kind of order) await runSessions(kind, data, samples[kind], opts);
  }
  clearTimeout(watchdog);
  const med = summarize(samples, data);
  const text = table(med);
  console.log(`\ntmx vs tmux: ${opts.runs} run(s), outer terminal tmux 120x40; ${facts.cpu} x${facts.cores}, node ${facts.node}, ${facts.tmux}, commit ${facts.commit}${facts.dirty ? '+dirty' : ''}`);
  console.log(text);
  const misses = kinds.map((k) => samples[k].echoMisses).reduce((a, b) => a + b, 0);
  console.log(`* median over all pairs (${COPROCESS_PAIRS} a run, half of them each way round) of (with coprocess / warm run beside it, without), in the same tmx session`);
  if (med.tmx?.floorEchoIdleP50 !== undefined) console.log('** bench/echo-floor.cjs: stdin -> node-pty -> stdout and nothing else (no emulator, no drawing), in the tmx column');
  if (Session.retypes) console.log(`(${Session.retypes} typed command line(s) did not appear within 5 s and were typed again)`);
  if (misses) console.log(`(${misses} echo probes got no echo within 3 s and are left out)`);
  console.log(`elapsed ${fmt((now() - started) / 1000)} s`);
  if (opts.json) {
    const dir = join(REPO, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const date = new Date().toISOString().slice(0, 10);
    const partial = opts.cases.length < CASES.length ? `-${opts.cases.join('-')}` : '';
    // Another run of the same commit keeps its own file (-2, -3, ...): every run's JSON is kept.
    const base = `${date}-${facts.commit}${opts.quick ? '-quick' : ''}${partial}`;
    let file = join(dir, `${base}.json`);
    for (let n = 2; existsSync(file); n++) file = join(dir, `${base}-${n}.json`);
    const json = {
      date: new Date().toISOString(), machine: facts, options: opts, outer: { cols: 120, rows: 40, terminal: 'tmux (private server)' },
      data: Object.fromEntries(Object.entries(data.files).map(([k, v]) => [k, v.bytes])),
      // The trigger case's design: two result files (55e01fa) switched one server's rc file instead.
      triggerDesign: TRIGGER_DESIGN,
      medians: med, samples, retypes: Session.retypes, table: text, elapsedSec: (now() - started) / 1000,
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`wrote ${file.slice(REPO.length + 1)}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`tmx bench: ${signal}, cleaning up`);
    cleanupAll();
    process.exit(130);
  });
}
process.on('exit', () => cleanupAll());

main().catch((error) => {
  process.stderr.write(`tmx bench failed: ${error.stack ?? error.message}\n`);
  cleanupAll();
  process.exit(1);
});
