#!/usr/bin/env node
// Issue 17: would parsing panes off the main thread make tmx faster where several panes are
// busy? A prototype of both ways, in-process, with tmx's own Emulator (the @xterm/headless
// adapter), FrameScheduler and FramePainter from dist/ (run `npx tsc` first), no ptys:
//
//   A   today: every emulator on the main thread; pty reads (4 KiB chunks, as node-pty delivers
//       a flood) are parsed there, and a frame (16 ms apart under a flood, at once for an echo)
//       copies the changed rows' cells and serializes them, as tmx's painter does.
//   B   one worker_thread per pane owns its Emulator; the main thread still reads the pty and
//       posts each chunk (a transferred ArrayBuffer) to the worker, which parses it and, at
//       most every 16 ms (at once for an echo), posts the changed rows as packed cells (5
//       int32 a cell, transferred) with the cursor; the main thread copies them into a mirror
//       of the pane's screen and paints the same frames from it.
//   Bw  as B, but the worker reads the pty itself (the flood's bytes are born in the worker,
//       and so are an echo's): the best case for B, nothing crosses for output but frames.
//   P   as B with a pool of os.availableParallelism() workers, panes shared among them.
//
// Cases, each in a fresh child process, modes alternated run by run (A B Bw P / P Bw B A ...):
//   drain: N panes (1, 2, 4 in a 120x40 terminal) fed the same flood of a bench shape (colour:
//     long coloured lines; short: seq's lines; redraw: a full-screen program), after a warm-up;
//     wall time until every byte is parsed and its frame painted, the main thread's CPU time
//     (/proc/self/task/PID/stat) and the whole process's (all threads).
//   echo: pane 0 idle, the other N-1 flooding coloured lines without end; a probe byte arrives
//     for pane 0 every 20-30 ms (sent by a "typist" thread with its absolute send time) and its
//     latency is until the frame that draws it is serialized on the main thread.
//
//   node bench/worker-parse.mjs                          # all cases, 5 runs (~8 min on the loaded 2-core VM)
//   node bench/worker-parse.mjs --runs 3 --cases drain --shapes colour --panes 4
//   node bench/worker-parse.mjs --modes A,B --mib 4 --chunk 16384
//   node bench/worker-parse.mjs --child drain --mode B --panes 4 --shape colour   # one measurement, JSON
import { MessageChannel, Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureData } from './lib/data.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = join(HERE, '..', 'dist');
const { Emulator } = await import(join(DIST, 'emulator/emulator.js'));
const { CellGrid } = await import(join(DIST, 'emulator/cells.js'));
const { FrameScheduler } = await import(join(DIST, 'app/frame-scheduler.js'));

/** tmx's flow control: pause the pty above FLOW_HIGH unparsed bytes, resume below FLOW_LOW. */
const { FLOW_HIGH_WATERMARK: FLOW_HIGH, FLOW_LOW_WATERMARK: FLOW_LOW } = await import(join(DIST, 'panes/pane.js'));
/** The outer terminal of bench/run.mjs. */
const TERM_COLS = 120;
const TERM_ROWS = 40;
/** tmx's default scrollback-lines. */
const SCROLLBACK = (await import(join(DIST, 'config/options.js'))).defaultOptions()['scrollback-lines'];
/** Ints per packed cell: char (code point, 0 for a wide right half, -k for strings[k-1]), fg, bg, attrs, ul. */
const CELL_INTS = 5;
/** Untimed bytes per pane before a drain is timed: JIT warm, history filling. */
const WARM_BYTES = 512 * 1024;
const PROBE_CHARS = '+!&{}|~';

const now = () => performance.now();
/** Milliseconds since the epoch, comparable between threads (each has its own timeOrigin). */
const absNow = () => performance.timeOrigin + performance.now();

/** CPU ms of the main thread only (tid = pid), in 10 ms ticks. */
function mainThreadCpuMs() {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The bench's 5 MiB input of a shape (bench/lib/data.mjs, generated once, kept in $TMPDIR). */
function shapeData(shape) {
  const { files } = ensureData();
  const file = { colour: files.quarter, short: files.short, redraw: files.redraw, wide: files.wide }[shape];
  if (!file) throw new Error(`unknown shape ${shape} (colour, short, redraw, wide)`);
  return readFileSync(file.path);
}

/** Pane rectangles (top border row included) of N panes in the terminal above a status line. */
function layout(n) {
  const h = TERM_ROWS - 1;
  const left = Math.floor((TERM_COLS - 1) / 2) + 1; // 60
  const right = TERM_COLS - left - 1; // 59, a separator column between
  const top = Math.floor((h - 1) / 2) + 1; // 20
  const bottom = h - top - 1;
  if (n === 1) return [{ x: 0, y: 0, width: TERM_COLS, height: h }];
  if (n === 2) return [{ x: 0, y: 0, width: left, height: h }, { x: left + 1, y: 0, width: right, height: h }];
  if (n === 4) return [
    { x: 0, y: 0, width: left, height: top }, { x: left + 1, y: 0, width: right, height: top },
    { x: 0, y: top + 1, width: left, height: bottom }, { x: left + 1, y: top + 1, width: right, height: bottom },
  ];
  throw new Error(`layout for ${n} panes not defined (1, 2, 4)`);
}

// ---- packed cells: what crosses the thread boundary per frame ---------------------------------

function encodeRows(grid, from, to) {
  const width = grid.width;
  const cells = new Int32Array((to - from + 1) * width * CELL_INTS);
  let strings;
  for (let i = from * width, end = (to + 1) * width, k = 0; i < end; i++, k += CELL_INTS) {
    const ch = grid.chars[i];
    let code;
    if (ch.length === 1) code = ch.charCodeAt(0);
    else if (ch === '') code = 0;
    else if (ch.length === 2 && ch.codePointAt(0) > 0xffff) code = ch.codePointAt(0);
    else code = -(strings ??= []).push(ch);
    cells[k] = code;
    cells[k + 1] = grid.fg[i];
    cells[k + 2] = grid.bg[i];
    cells[k + 3] = grid.attrs[i];
    cells[k + 4] = grid.ul[i];
  }
  return { cells, strings };
}

const ASCII = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const charCache = new Map();
function decodeChar(code, strings) {
  if (code > 0) {
    if (code < 128) return ASCII[code];
    let s = charCache.get(code);
    if (s === undefined) charCache.set(code, (s = String.fromCodePoint(code)));
    return s;
  }
  return code === 0 ? '' : strings[-code - 1];
}

/** The main thread's copy of a worker's pane screen: what the painter reads in mode B (a PaneContent). */
class Mirror {
  constructor(cols, rows) {
    this.grid = new CellGrid(cols, rows);
    this.dirtyFrom = 0;
    this.dirtyTo = rows - 1;
    this.cursor = { x: 0, y: 0, visible: true };
    /** Per row, a number that changes with its cells (Emulator.rowGenerations), for the painter. */
    this.generations = new Float64Array(rows);
    this.generation = 0;
  }

  apply(msg) {
    const { grid } = this;
    const cells = new Int32Array(msg.cells);
    for (let i = msg.from * grid.width, k = 0; k < cells.length; i++, k += CELL_INTS) {
      grid.chars[i] = decodeChar(cells[k], msg.strings);
      grid.fg[i] = cells[k + 1];
      grid.bg[i] = cells[k + 2];
      grid.attrs[i] = cells[k + 3];
      grid.ul[i] = cells[k + 4];
    }
    this.generation++;
    for (let y = msg.from; y <= msg.to && y < grid.height; y++) this.generations[y] = this.generation;
    if (msg.from < this.dirtyFrom) this.dirtyFrom = msg.from;
    if (msg.to > this.dirtyTo) this.dirtyTo = msg.to;
    this.cursor = msg.cursor;
  }

  changedRows() {
    return this.dirtyFrom <= this.dirtyTo ? { from: this.dirtyFrom, to: this.dirtyTo } : undefined;
  }

  rowGenerations() {
    return this.generations;
  }

  copyViewport(grid, left, top, width, height) {
    this.copyRows(grid, left, top, width, height, 0, this.grid.height - 1);
  }

  copyRows(grid, left, top, width, height, from, to) {
    const screen = this.grid;
    this.dirtyFrom = Infinity;
    this.dirtyTo = -1;
    const cols = Math.min(width, screen.width, grid.width - left);
    const rows = Math.min(height, screen.height, grid.height - top);
    for (let y = Math.max(0, from); y <= to && y < rows; y++) grid.copyCellsFrom(screen, y * screen.width, (top + y) * grid.width + left, cols);
  }

  cursorState() {
    return this.cursor;
  }
}

// ---- the flood source: a pty read per pane per event-loop turn ------------------------------

/**
 * Delivers each unpaused source's next chunk once per event-loop turn (setImmediate: after the
 * timers, where xterm parses, as a pty's read callback comes after them). `end` Infinity loops.
 */
function makeReader(chunk, deliver) {
  const sources = [];
  let scheduled = false;
  const kick = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };
  function turn() {
    scheduled = false;
    let more = false;
    for (const s of sources) {
      if (s.paused || s.finished) continue;
      const at = s.pos % s.data.length;
      const len = Math.min(chunk, s.end - s.pos, s.data.length - at);
      s.pos += len;
      // A read of its own, as node-pty's: every chunk a fresh buffer (which mode B can transfer).
      const bytes = new Uint8Array(len);
      bytes.set(s.data.subarray(at, at + len));
      deliver(s, bytes);
      if (s.pos >= s.end) {
        s.finished = true;
        s.onFinished?.();
      }
      more ||= !s.paused && !s.finished;
    }
    if (more) kick();
  }
  return {
    add(source) {
      sources.push(source);
      kick();
      return source;
    },
    pause(s) {
      s.paused = true;
    },
    resume(s) {
      if (!s.paused) return;
      s.paused = false;
      kick();
    },
    stop() {
      for (const s of sources) s.finished = true;
    },
  };
}

// ---- a worker: owns the emulators of its panes ------------------------------------------------

function paneWorker() {
  const { chunk, shape } = workerData;
  const panes = new Map();
  const data = shape ? shapeData(shape) : undefined;
  const reader = makeReader(chunk, (s, bytes) => write(s.pane, bytes, false));

  function addPane({ id, cols, rows }) {
    const p = {
      id, cols, rows,
      emulator: new Emulator({ cols, rows, scrollback: SCROLLBACK }),
      grid: new CellGrid(cols, rows),
      awaiting: 0, received: 0, parsed: 0, reported: 0,
      expected: Infinity, // bytes of the current phase; done once parsed
      doneSent: true, source: undefined, echo: undefined, urgent: false, lastCursor: undefined,
    };
    p.scheduler = new FrameScheduler(() => sendFrame(p));
    panes.set(id, p);
  }

  function write(p, bytes, isEcho) {
    p.awaiting += bytes.length;
    p.received += bytes.length;
    if (p.source && p.awaiting > FLOW_HIGH) reader.pause(p.source);
    const length = bytes.length;
    p.emulator.write(bytes, () => {
      p.awaiting -= length;
      p.parsed += length;
      if (p.source && p.awaiting < FLOW_LOW) reader.resume(p.source);
      if (isEcho) {
        p.urgent = true;
        p.scheduler.requestUrgent();
      } else p.scheduler.request();
      // The main thread's flow control for the bytes it posts (it resumes once what it knows to
      // be parsed is within FLOW_HIGH / 2 of what it sent): progress, once the backlog is low,
      // whenever the main thread could be waiting for it. Frames carry it too.
      if (!p.source && p.awaiting < FLOW_LOW && p.received - p.reported >= FLOW_HIGH / 2) {
        p.reported = p.parsed;
        parentPort.postMessage({ type: 'progress', id: p.id, parsed: p.parsed });
      }
      if (!p.doneSent && p.parsed >= p.expected && p.awaiting === 0) {
        p.doneSent = true;
        sendFrame(p);
        parentPort.postMessage({ type: 'done', id: p.id, parsed: p.parsed });
      }
    });
  }

  function sendFrame(p) {
    const changed = p.emulator.changedRows();
    const cursor = p.emulator.cursorState();
    const last = p.lastCursor;
    const cursorMoved = !last || last.x !== cursor.x || last.y !== cursor.y || last.visible !== cursor.visible;
    if (!changed && !cursorMoved) return;
    p.lastCursor = cursor;
    const from = changed ? changed.from : 0;
    const to = changed ? changed.to : -1;
    let cells = new Int32Array(0);
    let strings;
    if (changed) {
      p.emulator.copyRows(p.grid, 0, 0, p.cols, p.rows, from, to);
      ({ cells, strings } = encodeRows(p.grid, from, to));
    }
    const msg = { type: 'rows', id: p.id, from, to, cells: cells.buffer, strings, cursor, parsed: p.parsed, urgent: p.urgent, echo: p.echo };
    p.urgent = false;
    p.echo = undefined;
    p.reported = p.parsed;
    parentPort.postMessage(msg, [cells.buffer]);
  }

  function onMessage(m) {
    const p = panes.get(m.id);
    switch (m.type) {
      case 'panes':
        for (const spec of m.panes) addPane(spec);
        parentPort.postMessage({ type: 'ready' });
        break;
      case 'phase': // m.bytes more bytes for this pane, posted by the main thread or read here
        p.expected = p.received + m.bytes;
        p.doneSent = false;
        if (m.readHere) {
          p.source = reader.add({ pane: p, data, pos: m.offset, end: m.loop ? Infinity : m.offset + m.bytes, paused: false, finished: false });
          if (m.loop) p.expected = Infinity;
        }
        break;
      case 'data':
        write(p, new Uint8Array(m.buf), false);
        break;
      case 'echo': // a typed key's echo: the emulator parses the next output at once (userTyped)
        p.echo = m.probe;
        p.emulator.userTyped();
        write(p, Buffer.from(m.probe.ch), true);
        break;
      case 'stop':
        reader.stop();
        parentPort.postMessage({ type: 'stopped' });
        break;
    }
  }
  parentPort.on('message', onMessage);
  // The typist's port (mode Bw): an echo born in this thread, as if this thread read the pty.
  if (workerData.typistPort) workerData.typistPort.on('message', onMessage);
}

// ---- the typist: probes for the echo case, each stamped with its absolute send time ------------

function typist() {
  const { count, port } = workerData;
  let k = 0;
  const next = () => {
    if (k >= count) return parentPort.postMessage({ type: 'typed-all' });
    const probe = { ch: PROBE_CHARS[k % PROBE_CHARS.length], t: absNow(), k };
    k++;
    (port ?? parentPort).postMessage({ type: 'echo', id: 0, probe });
    setTimeout(next, 20 + Math.random() * 10);
  };
  parentPort.once('message', () => setTimeout(next, 20));
}

// ---- one measurement (a child process) ---------------------------------------------------------

async function child(args) {
  const { FramePainter } = await import(join(DIST, 'app/frame-painter.js'));
  const { DEFAULT_STYLE } = await import(join(DIST, 'ui/compose.js'));
  /** A status-line side as one run in the status style (compose.ts's StyledText). */
  const statusRun = (text) => ({ text, fg: DEFAULT_STYLE.statusFg, bg: DEFAULT_STYLE.statusBg, attrs: DEFAULT_STYLE.statusAttrs });
  const mode = args.mode;
  const n = Number(args.panes);
  const chunk = Number(args.chunk);
  const bytes = Math.round(Number(args.mib) * 1048576);
  const echoCase = args.child === 'echo';
  const shape = echoCase ? 'colour' : args.shape;
  const data = shapeData(shape);
  if (!echoCase && WARM_BYTES + bytes > data.length) throw new Error(`--mib too large for ${shape} (${data.length} bytes)`);
  const rects = layout(n);
  const sizes = rects.map((r) => ({ cols: r.width, rows: r.height - 1 }));

  // The painter side, the same in every mode.
  const contents = [];
  const painter = new FramePainter();
  const caps = { truecolor: true };
  const panesMap = new Map();
  const buildView = () => ({
    width: TERM_COLS, height: TERM_ROWS,
    panes: rects.map((rect, id) => ({ id, index: id, rect, focused: id === 0, title: `pane ${id}`, content: contents[id], cursor: contents[id].cursorState() })),
    separators: [], status: { left: [statusRun('[tmx] 0:bench*')], right: [statusRun('"vm" 00:00')] }, paneNumbers: false, style: DEFAULT_STYLE,
  });
  let frames = 0;
  let outBytes = 0;
  const pending = new Map(); // probe char -> probe
  const latencies = [];
  const render = () => {
    const out = painter.paint(buildView, panesMap, caps);
    frames++;
    outBytes += out.length;
    if (pending.size > 0) {
      for (const [ch, probe] of pending) {
        if (!out.includes(ch)) continue;
        latencies.push(absNow() - probe.t);
        pending.delete(ch);
      }
    }
  };
  const scheduler = new FrameScheduler(render);
  const register = (probe) => pending.set(probe.ch, probe);

  let feedPhase; // (bytesPerPane, offset, loop) => Promise, resolved when drained and painted
  let stopFloods;
  let typeEcho; // (probe) => void, on the main thread (A, B, P)
  let floodParsed; // () => bytes of flood output parsed so far (all panes)
  let workers = [];
  let typistPortForBw; // Bw: the typist's end of a channel to worker 0
  const setupStart = now();

  if (mode === 'A') {
    const emulators = sizes.map((s) => new Emulator({ cols: s.cols, rows: s.rows, scrollback: SCROLLBACK }));
    emulators.forEach((e, id) => {
      contents.push(e);
      panesMap.set(id, { emulator: e, shownCursor: () => e.cursorState() });
    });
    const awaiting = new Array(n).fill(0);
    let parsedA = 0;
    floodParsed = () => parsedA;
    let onDrained;
    const checkDrained = () => {
      if (onDrained && awaiting.every((a) => a === 0) && sources.every((s) => s.finished)) {
        const done = onDrained;
        onDrained = undefined;
        render();
        done();
      }
    };
    let sources = [];
    const write = (id, bytes, isEcho, source) => {
      awaiting[id] += bytes.length;
      if (source && awaiting[id] > FLOW_HIGH) reader.pause(source);
      const length = bytes.length;
      emulators[id].write(bytes, () => {
        awaiting[id] -= length;
        parsedA += length;
        if (source && awaiting[id] < FLOW_LOW) reader.resume(source);
        if (isEcho) scheduler.requestUrgent();
        else scheduler.request();
        checkDrained();
      });
    };
    const reader = makeReader(chunk, (s, b) => write(s.id, b, false, s));
    feedPhase = (per, offset, ids, loop) => new Promise((resolve) => {
      onDrained = resolve;
      sources = ids.map((id) => reader.add({ id, data, pos: offset, end: loop ? Infinity : offset + per, paused: false, finished: false }));
    });
    stopFloods = async () => reader.stop();
    typeEcho = (probe) => {
      register(probe);
      emulators[0].userTyped();
      write(0, Buffer.from(probe.ch), true);
    };
  } else {
    const poolSize = mode === 'P' ? Math.min(n, availableParallelism()) : n;
    const readHere = mode === 'Bw';
    const mirrors = sizes.map((s) => new Mirror(s.cols, s.rows));
    mirrors.forEach((m, id) => {
      contents.push(m);
      panesMap.set(id, { emulator: m, shownCursor: () => m.cursorState() });
    });
    const owner = (id) => id % poolSize;
    const typistChannel = echoCase && readHere ? new MessageChannel() : undefined;
    workers = Array.from({ length: poolSize }, (_, w) => new Worker(fileURLToPath(import.meta.url), {
      workerData: { role: 'pane', chunk, shape: readHere ? shape : undefined, typistPort: w === 0 ? typistChannel?.port2 : undefined },
      transferList: w === 0 && typistChannel ? [typistChannel.port2] : [],
    }));
    const sent = new Array(n).fill(0);
    const parsed = new Array(n).fill(0);
    const done = new Array(n).fill(true);
    floodParsed = () => parsed.reduce((a, b) => a + b, 0);
    let onDrained;
    let sources = [];
    const checkDrained = () => {
      if (onDrained && done.every(Boolean) && sources.every((s) => s.finished)) {
        const resolve = onDrained;
        onDrained = undefined;
        render();
        resolve();
      }
    };
    const progress = (id, value) => {
      if (value > parsed[id]) parsed[id] = value;
      const s = sources.find((x) => x.id === id);
      if (s?.paused && sent[id] - parsed[id] < FLOW_HIGH / 2) reader.resume(s);
    };
    const reader = makeReader(chunk, (s, bytes) => {
      // A pty read on the main thread, its buffer handed over (transferred, not copied).
      const buf = bytes.buffer;
      sent[s.id] += bytes.length; // before the transfer, which leaves `bytes` empty
      workers[owner(s.id)].postMessage({ type: 'data', id: s.id, buf }, [buf]);
      if (sent[s.id] - parsed[s.id] > FLOW_HIGH) reader.pause(s);
    });
    const ready = workers.map((w, wi) => new Promise((resolve, reject) => {
      w.on('error', reject);
      w.on('message', (m) => {
        if (m.type === 'ready') return resolve();
        if (m.type === 'rows') {
          mirrors[m.id].apply(m);
          progress(m.id, m.parsed);
          if (m.echo) register(m.echo);
          if (m.urgent) scheduler.requestUrgent();
          else scheduler.request();
        } else if (m.type === 'progress') progress(m.id, m.parsed);
        else if (m.type === 'done') {
          done[m.id] = true;
          progress(m.id, m.parsed);
          checkDrained();
        }
      });
      w.postMessage({ type: 'panes', panes: sizes.map((s, id) => ({ id, ...s })).filter((_, id) => owner(id) === wi) });
    }));
    await Promise.all(ready);
    feedPhase = (per, offset, ids, loop) => new Promise((resolve) => {
      onDrained = resolve;
      for (const id of ids) {
        done[id] = loop; // a looping flood never reports done
        workers[owner(id)].postMessage({ type: 'phase', id, bytes: per, offset, readHere, loop });
      }
      sources = readHere ? [] : ids.map((id) => reader.add({ id, data, pos: offset, end: loop ? Infinity : offset + per, paused: false, finished: false }));
    });
    stopFloods = async () => {
      reader.stop();
      if (readHere) await Promise.all(workers.map((w) => new Promise((resolve) => {
        const on = (m) => m.type === 'stopped' && (w.off('message', on), resolve());
        w.on('message', on);
        w.postMessage({ type: 'stop' });
      })));
    };
    typeEcho = (probe) => {
      register(probe);
      workers[owner(0)].postMessage({ type: 'echo', id: 0, probe });
    };
    typistPortForBw = typistChannel?.port1;
  }
  const setupMs = now() - setupStart;

  const all = sizes.map((_, id) => id);
  const result = { mode, panes: n, chunk, setupMs, cores: availableParallelism(), load: loadavg()[0] };
  if (!echoCase) {
    result.shape = shape;
    await feedPhase(WARM_BYTES, 0, all, false);
    const [w0, c0, p0, f0, o0] = [now(), mainThreadCpuMs(), processCpuMs(), frames, outBytes];
    await feedPhase(bytes, WARM_BYTES, all, false);
    Object.assign(result, {
      bytesPerPane: bytes, wallMs: now() - w0, mainCpuMs: mainThreadCpuMs() - c0, processCpuMs: processCpuMs() - p0,
      frames: frames - f0, outBytes: outBytes - o0, digest: screenDigest(painter),
      // The whole process, workers included (each has its own V8 heap and copy of xterm).
      rssMiB: process.memoryUsage().rss / 1048576,
    });
  } else {
    // Pane 0 shows a prompt; the others flood without end while the probes run.
    const floods = all.slice(1);
    const flooding = floods.length > 0 ? feedPhase(0, 0, floods, true) : undefined;
    await new Promise((r) => setTimeout(r, 300)); // floods under way, JIT warm
    const count = Number(args.probes);
    const [w0, c0, p0, b0] = [now(), mainThreadCpuMs(), processCpuMs(), floodParsed()];
    // Bw: the typist writes to worker 0 directly (the echo read in that thread); else to the main thread.
    const typistThread = new Worker(fileURLToPath(import.meta.url), {
      workerData: { role: 'typist', count, port: typistPortForBw },
      transferList: typistPortForBw ? [typistPortForBw] : [],
    });
    await new Promise((resolve, reject) => {
      typistThread.on('error', reject);
      typistThread.on('message', (m) => {
        if (m.type === 'echo') typeEcho(m.probe);
        else if (m.type === 'typed-all') resolve();
      });
      typistThread.postMessage('go');
    });
    await new Promise((r) => setTimeout(r, 200)); // the last probe drawn
    Object.assign(result, {
      latencies, lost: count - latencies.length, wallMs: now() - w0,
      floodMBps: (floodParsed() - b0) / 1048576 / ((now() - w0) / 1000),
      mainCpuMs: mainThreadCpuMs() - c0, processCpuMs: processCpuMs() - p0, frames,
    });
    void flooding;
    await stopFloods();
    await typistThread.terminate();
  }
  for (const w of workers) await w.terminate();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A digest of the frame on screen (painter's grid): the same in every mode, or cells went astray. */
function screenDigest(painter) {
  const grid = painter.shown;
  let h = 2166136261;
  const mix = (v) => (h = Math.imul(h ^ v, 16777619));
  for (let i = 0; i < grid.chars.length; i++) {
    const ch = grid.chars[i];
    for (let c = 0; c < ch.length; c++) mix(ch.charCodeAt(c));
    mix(grid.fg[i]); mix(grid.bg[i]); mix(grid.attrs[i]); mix(grid.ul[i]);
  }
  return (h >>> 0).toString(16);
}

// ---- the orchestrator -----------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { runs: '5', cases: 'drain,echo', shapes: 'colour,short,redraw', panes: '1,2,4', modes: 'A,B,Bw,P', mib: '2', chunk: '4096', probes: '40' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    args[a.slice(2)] = argv[++i];
  }
  return args;
}

const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

function runChild(spec, args) {
  const argv = [fileURLToPath(import.meta.url), '--child', spec.kind, '--mode', spec.mode, '--panes', String(spec.panes), '--mib', args.mib, '--chunk', args.chunk, '--probes', args.probes];
  if (spec.shape) argv.push('--shape', spec.shape);
  // tmx's own node flag (bin/tmx.js's #! line).
  const out = execFileSync(process.execPath, ['--max-semi-space-size=1', ...argv], { encoding: 'utf8', timeout: 300_000 });
  return JSON.parse(out.trim().split('\n').pop());
}

async function orchestrate(args) {
  const runs = Number(args.runs);
  const modesAll = args.modes.split(',');
  const panesList = args.panes.split(',').map(Number);
  const cases = args.cases.split(',');
  const cores = availableParallelism();
  const loads = [loadavg()[0]];
  console.log(`worker-parse: ${runs} runs, ${cores} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${args.mib} MiB a pane, ${args.chunk}-byte chunks`);
  const groups = [];
  for (const kind of cases) {
    if (kind === 'drain') for (const shape of args.shapes.split(',')) for (const panes of panesList) groups.push({ kind, shape, panes });
    if (kind === 'echo') for (const panes of panesList) groups.push({ kind, panes });
  }
  // P differs from B only when there are more panes than cores.
  const modesFor = (g) => modesAll.filter((m) => m !== 'P' || g.panes > cores);
  const results = [];
  for (let run = 0; run < runs; run++) {
    for (const g of groups) {
      const modes = modesFor(g);
      const order = run % 2 === 0 ? modes : [...modes].reverse();
      for (const mode of order) {
        const r = runChild({ ...g, mode }, args);
        r.run = run;
        r.kind = g.kind;
        results.push(r);
        const what = g.kind === 'drain'
          ? `${r.wallMs.toFixed(0)} ms wall, main ${r.mainCpuMs} ms CPU, all threads ${r.processCpuMs.toFixed(0)} ms`
          : `p50 ${median(r.latencies).toFixed(2)} ms p90 ${pct(r.latencies, 0.9).toFixed(2)} ms (${r.latencies.length} probes)`;
        process.stderr.write(`run ${run + 1} ${g.kind} ${g.shape ?? ''} ${g.panes} panes ${mode}: ${what}, load ${r.load.toFixed(2)}\n`);
      }
    }
    loads.push(loadavg()[0]);
  }
  // Summary: medians over runs; ratios against A are medians of each run's ratio.
  console.log(`\nload average (1 min) over the bench: ${Math.min(...loads).toFixed(2)}-${Math.max(...loads).toFixed(2)}`);
  console.log('\ndrain: wall ms / main-thread CPU ms / all-threads CPU ms (medians), and wall X/A (median of per-run ratios)');
  for (const g of groups.filter((x) => x.kind === 'drain')) {
    const line = [`${g.shape.padEnd(7)} ${g.panes} pane${g.panes > 1 ? 's' : ' '}`];
    const of = (mode) => results.filter((r) => r.kind === 'drain' && r.shape === g.shape && r.panes === g.panes && r.mode === mode);
    for (const mode of modesFor(g)) {
      const rs = of(mode);
      if (rs.length === 0) continue;
      let ratio = '';
      if (mode !== 'A' && of('A').length) {
        const rr = rs.map((r) => r.wallMs / of('A').find((a) => a.run === r.run).wallMs);
        ratio = ` (${median(rr).toFixed(2)})`;
      }
      line.push(`${mode.padStart(2)} ${median(rs.map((r) => r.wallMs)).toFixed(0).padStart(5)} / ${median(rs.map((r) => r.mainCpuMs)).toFixed(0).padStart(5)} / ${median(rs.map((r) => r.processCpuMs)).toFixed(0).padStart(5)}${ratio.padEnd(7)}`);
    }
    console.log(line.join('  '));
  }
  const rssLine = [];
  for (const mode of modesAll) {
    const rs = results.filter((r) => r.kind === 'drain' && r.mode === mode && r.panes === Math.max(...panesList) && r.rssMiB);
    if (rs.length) rssLine.push(`${mode} ${median(rs.map((r) => r.rssMiB)).toFixed(0)}`);
  }
  if (rssLine.length) console.log(`RSS after a drain of ${Math.max(...panesList)} panes (MiB, median): ${rssLine.join(', ')}`);
  const digests = new Map();
  for (const r of results.filter((x) => x.kind === 'drain')) {
    const key = `${r.shape} ${r.panes}`;
    (digests.get(key) ?? digests.set(key, new Set()).get(key)).add(r.digest);
  }
  const differ = [...digests].filter(([, set]) => set.size > 1).map(([key]) => key);
  console.log(differ.length ? `final screens DIFFER between modes: ${differ.join(', ')}` : 'final screens: the same cells in every mode and run');
  console.log('\necho on an idle pane while the others flood: p50 / p90 ms over all probes of all runs (median of run p50s); main-thread CPU ms over the probes; flood MB/s parsed meanwhile');
  for (const g of groups.filter((x) => x.kind === 'echo')) {
    const line = [`${g.panes} pane${g.panes > 1 ? 's' : ' '} (${g.panes - 1} flooding)`];
    for (const mode of modesFor(g)) {
      const rs = results.filter((r) => r.kind === 'echo' && r.panes === g.panes && r.mode === mode);
      if (rs.length === 0) continue;
      const all = rs.flatMap((r) => r.latencies);
      const lost = rs.reduce((a, r) => a + r.lost, 0);
      const flood = g.panes > 1 ? `, floods ${median(rs.map((r) => r.floodMBps)).toFixed(1)} MB/s` : '';
      line.push(`${mode.padStart(2)} ${median(all).toFixed(2)} / ${pct(all, 0.9).toFixed(2)} (${median(rs.map((r) => median(r.latencies))).toFixed(2)})${lost ? ` lost ${lost}` : ''}, main CPU ${median(rs.map((r) => r.mainCpuMs)).toFixed(0)}${flood}`);
    }
    console.log(line.join('   '));
  }
  const setup = modesAll.map((m) => `${m} ${median(results.filter((r) => r.mode === m && r.panes === Math.max(...panesList)).map((r) => r.setupMs)).toFixed(0)} ms`);
  console.log(`\nset-up of ${Math.max(...panesList)} panes (emulators, workers started and loaded): ${setup.join(', ')}`);
  const dir = join(HERE, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `worker-parse-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ args, cores, results }, null, 1));
  console.log(`results: ${file}`);
}

if (!isMainThread) {
  if (workerData.role === 'pane') paneWorker();
  else if (workerData.role === 'typist') typist();
} else {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) await child(args);
  else await orchestrate(args);
}
