// The measured cases. Each takes a fresh Session (already started) and returns numbers;
// they use the same keys for tmx and tmux (C-b %, C-b ", C-b Left, C-b o are the same in both).
import { existsSync, statSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { now, sleep, pokeFifo } from './session.mjs';
import { unescapeOutput } from './control.mjs';
import { MiB } from './data.mjs';

/** Generous: a broken build must fail the run, not hang it. */
const THROUGHPUT_TIMEOUT_MS = 180_000;

// ---- 1. throughput -------------------------------------------------------------------------

/** `cat FILE` in the focused pane: Enter to the end marker on the outer screen. */
export async function catThroughput(session, shortName, bytes) {
  return commandThroughput(session, `cat ${shortName}`, bytes);
}

/** A command printing `bytes` in the focused pane: Enter to the end marker on the outer screen. */
export async function commandThroughput(session, command, bytes) {
  const before = session.resources();
  const { ms } = await session.timedCommand(command, THROUGHPUT_TIMEOUT_MS);
  const after = session.resources();
  return {
    ms,
    mbps: bytes / MiB / (ms / 1000),
    // Share of one core each side used while the file went through, and bytes sent on per input byte.
    muxCpu: (after.muxCpuSec - before.muxCpuSec) / (ms / 1000),
    outerCpu: (after.outerCpuSec - before.outerCpuSec) / (ms / 1000),
    outerBytesPerInputByte: (after.outerBytes - before.outerBytes) / bytes,
    // Minor page faults of tmx's process / the tmux server (after a fork, copy-on-write ones).
    muxMinorFaults: after.muxMinorFaults - before.muxMinorFaults,
  };
}

/** Four panes (2x2) each `cat` a 5 MiB coloured file, started together; aggregate MB/s. */
export async function quadThroughput(session, bytesPerPane) {
  await session.fourPanes();
  const markers = [];
  for (let i = 1; i <= 4; i++) {
    execFileSync('mkfifo', [join(session.home, `g${i}`)]);
    const m = await session.typeMarked(`read _<g${i};cat q.txt`);
    await session.keys('Enter');
    markers.push(m);
    await sleep(100);
    await session.prefix('o');
    await sleep(100);
  }
  await sleep(300);
  const before = session.resources();
  const t0 = now();
  for (let i = 1; i <= 4; i++) pokeFifo(join(session.home, `g${i}`));
  let t1 = 0;
  for (const m of markers) t1 = Math.max(t1, await session.waitMarker(m, THROUGHPUT_TIMEOUT_MS));
  // All four markers must be on screen together (the last one seen proves nothing about the others).
  await session.waitScreen((s) => markers.every((m) => s.includes(m.shown)), 10_000, 'all four markers', 3);
  const ms = t1 - t0;
  // CPU seconds of the multiplexer from the release to the last marker seen (and a few capture polls past it).
  const cpuSec = session.resources().muxCpuSec - before.muxCpuSec;
  return { ms, mbps: (4 * bytesPerPane) / MiB / (ms / 1000), cpuSec };
}

// ---- 3. memory -----------------------------------------------------------------------------

/** RSS with 4 panes each holding 10,000 lines of scrollback (12,000 lines printed in each). */
export async function memory(session, settleMs) {
  await session.fourPanes();
  for (let i = 1; i <= 4; i++) {
    const m = await session.typeMarked('head -n 12000 c.txt');
    await session.keys('Enter');
    await session.waitMarker(m, 60_000);
    await session.prefix('o');
    await sleep(100);
  }
  await sleep(settleMs);
  return { rssKiB: session.rssKiB(), parts: session.rssPartsKiB(), split: session.rssSplitKiB() };
}

// ---- 3b. attach to a busy session --------------------------------------------------------

/** Shown in one pane once its `echo` has run; the attach is complete when it and the status line are on screen. */
const ATTACH_MARK = 'ATTACHMARK';
const ATTACH_TIMEOUT_MS = 20_000;
/** After a detach, how long the server floods with nobody attached before the next attach. */
const DETACHED_MS = 500;

/**
 * 4 panes, one of them printing `c.txt` without end; detach (C-b d), then `tmx attach` /
 * `tmux attach` in the outer pane: ms from the respawn to the whole screen on the outer
 * terminal (a pane's marker line and the status line on the last row), `count` times.
 */
export async function attachBusy(session, count) {
  await session.ctl.command('set-option -gw remain-on-exit on');
  await session.fourPanes();
  await session.type(`echo ATT"ACH"MARK`);
  await session.keys('Enter');
  await session.waitScreen((s) => s.includes(ATTACH_MARK), 10_000, 'the attach marker');
  await session.prefix('Right');
  await sleep(100);
  await session.type('while :; do cat c.txt; done');
  await session.keys('Enter');
  await sleep(1000);
  const complete = (screen) => {
    const rows = screen.split('\n');
    const last = rows[rows.length - 1] ?? '';
    return screen.includes(ATTACH_MARK) && /\S/.test(last) && !last.includes('Pane is dead');
  };
  const samples = [];
  for (let i = 0; i < count; i++) {
    await session.prefix('d');
    await session.until(() => session.outerPaneDead(), 10_000, 'the client to exit after C-b d', 10);
    await sleep(DETACHED_MS);
    if (complete(await session.screen())) throw new Error(`${session.kind}: the screen still looks attached after a detach`);
    const t0 = now();
    await session.reattach();
    await session.waitScreen(complete, ATTACH_TIMEOUT_MS, 'the whole screen after attach', 2);
    samples.push(now() - t0);
  }
  return { samples };
}

// ---- 2. echo latency -----------------------------------------------------------------------

/** Characters that appear nowhere else on screen (not in the data files, titles or status lines). */
const PROBE_CHARS = ['+', '=', '!', '&', '<', '>', '{', '}', '|', '~'];
const PROBE_TIMEOUT_MS = 3000;

// CSI, OSC/DCS strings, charset designations and two-byte ESC sequences: what is left is text.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[()*+][ -~]|\x1b[ -~]/g;

function visibleText(escaped) {
  return unescapeOutput(escaped).replace(ESCAPES, '');
}

/** `gapMs`: a fixed time between probes instead of the usual 25-60 ms (echo-stages --gap: warm vs cold). */
async function probeSeries(session, count, gapMs) {
  const samples = [];
  let misses = 0;
  let pending;
  const off = session.ctl.onOutput((data, at) => {
    if (!pending || !data.includes(pending.ch)) return;
    if (!visibleText(data).includes(pending.ch)) return;
    const p = pending;
    pending = undefined;
    p.resolve(at - p.sentAt);
  });
  try {
    for (let i = 0; i < count; i++) {
      const ch = PROBE_CHARS[i % PROBE_CHARS.length];
      const latency = await new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending = undefined;
          resolve(undefined);
        }, PROBE_TIMEOUT_MS);
        pending = { ch, sentAt: 0, resolve: (v) => (clearTimeout(timer), resolve(v)) };
        pending.sentAt = performance.now();
        session.ctl.fire(`send-keys -t outer -l '${ch}'`);
      });
      if (latency === undefined) misses++;
      else samples.push(latency);
      // Spaced out and jittered, so probes don't lock onto a frame clock.
      await sleep(gapMs ?? 25 + Math.random() * 35);
    }
  } finally {
    off();
  }
  return { samples, misses };
}

/** Idle echo latency with cat echoing (stty -echo -icanon); the pane is left running cat. */
export async function echoIdle(session, count, gapMs) {
  await session.type('stty -echo -icanon; cat');
  await session.keys('Enter');
  await sleep(500);
  return probeSeries(session, count, gapMs);
}

/** Echo latency with cat echoing (stty -echo -icanon), idle and while a second pane floods. */
export async function echoLatency(session, count) {
  const idle = await echoIdle(session, count);
  await runBeside(session, 'while :; do cat c.txt; done', 'the flood pane');
  const flood = await probeSeries(session, count);
  return { idle, flood };
}

/**
 * Splits a pane to the right running `command` without end, then focuses the left pane (the
 * one echoIdle left running cat) again, for probes while the right one prints.
 */
async function runBeside(session, command, what) {
  const before = session.promptCount(await session.screen());
  await session.prefix('%');
  await session.waitScreen((s) => session.promptCount(s) > before, 10_000, what, 10);
  await session.type(command);
  await session.keys('Enter');
  await sleep(1000);
  await session.prefix('Left');
  await sleep(500);
}

/**
 * Echo latency while a second pane prints 9 MB titles without end (issue 18: hostile output
 * must not hold up keys; target p90 <= 100 ms). The strings are dropped as they stream.
 */
export async function echoHostile(session, count) {
  await echoIdle(session, 1);
  await runBeside(session, 'while :; do printf "\\033]0;"; head -c 9437184 /dev/zero | tr "\\0" x; printf "\\007"; done', 'the hostile pane');
  return probeSeries(session, count);
}

// ---- 4. coprocess --------------------------------------------------------------------------

/** tmx's default coprocess-icon option. */
const COPROCESS_ICON = '⚙';

async function startCoprocess(session, command) {
  await session.tmxCommand(`run-coprocess "${command}"`);
  await session.waitScreen((s) => s.includes(`${COPROCESS_ICON} ${command}`), 5000, `the coprocess badge "${command}"`, 10);
}

async function stopCoprocess(session, command) {
  await session.prefix('X');
  // The badge (⚙ and the command) leaves the border; the end message names the command, so look for the icon.
  await session.waitScreen((s) => !s.includes(COPROCESS_ICON), 10_000, `coprocess "${command}" to stop`, 20);
}

/** Colour throughput with `cat >/dev/null` attached as the pane's coprocess (tmx only). */
export async function coprocessThroughput(session, bytes) {
  const command = 'cat >/dev/null';
  await startCoprocess(session, command);
  try {
    return await catThroughput(session, 'c.txt', bytes);
  } finally {
    await stopCoprocess(session, command);
  }
}

/**
 * The coprocess's own intake: `cat > FILE` as coprocess; bytes = the file's size once it stops
 * growing, time = from Enter to the file's last write (mtime). (`wc -c > FILE` can't be used:
 * stop-coprocess sends SIGTERM without closing the coprocess's stdin, so wc never prints.)
 */
export async function coprocessIntake(session, bytes) {
  const out = join(session.home, 'cop.out');
  const command = "cat > cop.out"; // the coprocess runs in the pane's directory (HOME)
  await startCoprocess(session, command);
  let result;
  try {
    const { ms, t0 } = await session.timedCommand('cat c.txt', THROUGHPUT_TIMEOUT_MS);
    let size = -1;
    for (let i = 0; i < 100; i++) {
      const s = existsSync(out) ? statSync(out).size : 0;
      if (s === size && s >= bytes) break;
      size = s;
      await sleep(50);
    }
    const st = statSync(out);
    const intakeMs = st.mtimeMs - (performance.timeOrigin + t0);
    result = { bytes: st.size, intakeMs, mbps: st.size / MiB / (intakeMs / 1000), screenMs: ms, complete: st.size >= bytes };
  } finally {
    await stopCoprocess(session, command);
  }
  return result;
}

// ---- 6. the shapes of output (issue 17) ----------------------------------------------------

/**
 * A short warm-up before the shapes, the same for both multiplexers: tmx's first MiB of
 * output would otherwise be parsed by cold (interpreted) code, and only the first shape would pay.
 */
export async function warmUp(session) {
  const m = await session.typeMarked('head -c 2000000 q.txt;echo');
  await session.keys('Enter');
  await session.waitMarker(m, THROUGHPUT_TIMEOUT_MS);
}

/**
 * A pane's output copied to a command as it is printed: tmx's coprocess `cat >/dev/null`,
 * tmux's nearest, `pipe-pane -o 'cat >/dev/null'`. Colour throughput with it attached.
 */
export async function pipedThroughput(session, shortName, bytes) {
  const command = 'cat >/dev/null';
  if (session.kind === 'tmx') await startCoprocess(session, command);
  else session.innerTmux('pipe-pane', '-o', command);
  try {
    return await catThroughput(session, shortName, bytes);
  } finally {
    if (session.kind === 'tmx') await stopCoprocess(session, command);
    else session.innerTmux('pipe-pane');
  }
}

/** How long a pane's paused output waits for the coprocess before it is released (as a slow reader). */
const DRAIN_HOLD_MS = 1500;

/**
 * The flood behind a coprocess that stopped reading: the coprocess waits on a FIFO before it
 * reads (tmx pauses the pane once 1 MiB waits for it), then reads everything. tmx: time from
 * the release to the marker on screen. tmux's pipe-pane never holds a pane up (it keeps what
 * the command has not read), so its figure is from Enter to the marker, and the FIFO is
 * poked after: each multiplexer's time to show the file from the moment it may.
 */
export async function drainThroughput(session, shortName, bytes) {
  const fifo = join(session.home, 'cg');
  execFileSync('mkfifo', [fifo]);
  const command = 'read _ <cg;cat >/dev/null';
  if (session.kind === 'tmx') await startCoprocess(session, command);
  else session.innerTmux('pipe-pane', '-o', command);
  try {
    let ms;
    if (session.kind === 'tmx') {
      const m = await session.typeMarked(`cat ${shortName}`);
      await session.keys('Enter');
      await sleep(DRAIN_HOLD_MS);
      const t0 = now();
      pokeFifo(fifo);
      ms = (await session.waitMarker(m, THROUGHPUT_TIMEOUT_MS)) - t0;
    } else {
      ms = (await session.timedCommand(`cat ${shortName}`, THROUGHPUT_TIMEOUT_MS)).ms;
      pokeFifo(fifo);
    }
    return { ms, mbps: bytes / MiB / (ms / 1000) };
  } finally {
    if (session.kind === 'tmx') await stopCoprocess(session, command);
    else session.innerTmux('pipe-pane');
  }
}
