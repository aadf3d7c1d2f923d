// Triggers on one pane: after each parsed chunk, the line tracker yields the lines to match
// and the matcher says what fires; this turns each firing into what it does. Pane output is
// untrusted: commands arrive here as argv (never a shell line) with captures already bound.
//
// Matching runs on a time budget, so that it never holds up keys or drawing: lines a scan has
// no time for wait in the screen's history and are matched a little later. Only when a flood
// outruns the triggers for longer than the history holds do lines go unmatched, and the status
// line says so, once per flood.
import { performance } from 'node:perf_hooks';
import type { Pane } from '../panes/pane.js';
import { LineTracker, type PendingLine } from '../triggers/line-tracker.js';
import { LINE_SKIP, OutputSkipper, type QuietTriggers } from '../triggers/output-skip.js';
import { TriggerMatcher } from '../triggers/matcher.js';
import type { CompiledTrigger, HighlightStyle, TrackedLine, TriggerFiring } from '../triggers/types.js';
import { Attr, palette256, rgbColor } from '../emulator/cells.js';
import type { CellHighlight } from '../emulator/emulator.js';

/** What firings act on in the app around the pane. */
export interface TriggerEffects {
  runCoprocess(pane: Pane, argv: string[], env: Record<string, string>, silent: boolean, label: string): void;
  /** zmodem-receive, zmodem-send: ask where to, then start rz or sz as a silent coprocess. */
  askZmodem(pane: Pane, direction: 'receive' | 'send'): void;
  showMessage(text: string): void;
  bell(): void;
  requestRender(): void;
}

/**
 * Triggers may spend this much CPU time per unit of wall-clock time between their scans: with
 * 1, at most half of the time goes to matching while output floods in, the rest to parsing,
 * drawing and keys. Triggers with literals need far less (bench/triggers-micro.mjs: ~1.5-2.5
 * µs a line against ~5 µs to parse it); 0.5 was measured too tight: at ~40% of the parse's
 * time the first, JIT-cold flood skipped lines.
 */
export const TRIGGER_TIME_SHARE = 1;
/** Most CPU time one scan may match for: a key typed meanwhile waits at most about this long. */
export const TRIGGER_SLICE_MS = 8;
/**
 * While output keeps coming, a scan waits this long after the last one ended: a flood brings a
 * pty read per event-loop turn (~4 KiB, ~60 lines), and a scan per read spent more on its own
 * fixed costs (the tracker, the skipper, the clocks, the first line it reads) than on lines.
 * A line is matched at most this much later; an idle pane's output is scanned at once.
 */
export const SCAN_GAP_MS = 4;
/** A flood is over once no line has been lost for this long; the next one is announced again. */
export const FLOOD_QUIET_MS = 1000;
/** What the status line says when lines went by unmatched. */
export const FELL_BEHIND_MESSAGE = 'Triggers fell behind a flood of output: some lines were not matched (tmx --check-config names costly triggers)';
/** Lines matched between readings of the clock (a line costs ~1-3 µs, a reading ~0.05-0.3 µs). */
export const LINES_PER_CLOCK_READING = 8;
/**
 * A scan is charged its wall-clock time alone until it has read this many lines, and from then
 * on the lesser of the two clocks: reading the CPU clock (a system call, ~2 µs, twice a scan)
 * cost more than most scans of a flood (most lines skipped, a few read), and preemption rarely
 * lands in one that short.
 */
export const LINES_WORTH_A_CPU_READING = 32;

/** Milliseconds of CPU this process has used: time spent preempted by others is not ours to count. */
function runLater(scan: () => void, ms: number): () => void {
  if (ms === 0) {
    // After the I/O callbacks of this turn: every chunk xterm parses in one go is in by then.
    const immediate = setImmediate(scan);
    return () => clearImmediate(immediate);
  }
  const timer = setTimeout(scan, ms);
  return () => clearTimeout(timer);
}

function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** What the skipper asks of the matcher, with the matcher's clock (output-skip.ts). */
class MatcherQuiet implements QuietTriggers {
  constructor(
    private readonly matcher: TriggerMatcher,
    readonly now: () => number,
  ) {}

  mayFire(trigger: number): boolean {
    return this.matcher.mayFire(trigger);
  }

  quietUntil(trigger: number): number {
    return this.matcher.quietUntil(trigger);
  }

  get version(): number {
    return this.matcher.version;
  }
}

export class PaneTriggers {
  private readonly tracker: LineTracker;
  private readonly matcher: TriggerMatcher;
  /** Tells, from the output's bytes, which lines no trigger can match (output-skip.ts). */
  private readonly skipper: OutputSkipper;
  private readonly stopObserving: { dispose(): void } | undefined;
  /**
   * Milliseconds the triggers may still use: refilled at TRIGGER_TIME_SHARE of the wall-clock
   * time between scans, spent by the time a scan takes (see spent), never over one slice.
   */
  private credit = TRIGGER_SLICE_MS;
  private lastScanEnd: number;
  /** Whether a scan has run (before it, lastScanEnd is when the triggers started: no gap to keep). */
  private scanned = false;
  /** Whether lines were left for later by the last scan (a follow-up scan is due). */
  private behind = false;
  private followUp: (() => void) | undefined;
  /** When lines last went unmatched; the message is given once per flood. */
  private lastLossAt = -Infinity;

  constructor(
    private readonly pane: Pane,
    triggers: readonly CompiledTrigger[],
    private readonly effects: TriggerEffects,
    now: () => number = Date.now,
    /** Wall-clock milliseconds, for refilling the budget and telling when a flood is over. */
    private readonly clock: () => number = () => performance.now(),
    /** The process's CPU milliseconds, for what a scan cost (read twice a scan: it is a system call). */
    private readonly cpuClock: () => number = processCpuMs,
    /** Runs `scan` after `ms`, 0 meaning once this turn's I/O is done (returns a cancel). */
    private readonly later: (scan: () => void, ms: number) => () => void = runLater,
  ) {
    this.tracker = new LineTracker(pane.emulator);
    this.matcher = new TriggerMatcher(triggers, now);
    this.skipper = new OutputSkipper(triggers, pane.emulator, this.tracker, new MatcherQuiet(this.matcher, now));
    if (this.skipper.active) {
      this.stopObserving = pane.emulator.observeParse((data) => this.skipper.observe(data));
      this.skipper.rearm(true);
    }
    this.lastScanEnd = clock();
  }

  /** False while lines wait for a follow-up scan (a flood outran the budget). */
  get caughtUp(): boolean {
    return !this.behind;
  }

  /**
   * Call after each parsed chunk of the pane's output. The lines are matched once the chunks
   * parsed together are in (one scan for all of them: a scan has a fixed cost of its own), no
   * sooner than SCAN_GAP_MS after the last scan, or at once when the history might otherwise
   * trim them first.
   */
  scan(): void {
    if (this.tracker.rowsBehind() > this.pane.emulator.bufferLength() / 2) {
      this.scanNow();
      return;
    }
    if (this.followUp !== undefined) return;
    const wait = this.scanned ? this.lastScanEnd + SCAN_GAP_MS - this.clock() : 0;
    this.followUp = this.later(() => {
      this.followUp = undefined;
      this.scanNow();
    }, wait > 0 ? Math.ceil(wait) : 0);
  }

  private scanNow(): void {
    this.followUp?.();
    this.followUp = undefined;
    const start = this.clock();
    this.credit = Math.min(TRIGGER_SLICE_MS, this.credit + (start - this.lastScanEnd) * TRIGGER_TIME_SHARE);
    const budget = this.credit;
    // Mid-scan, the wall clock (cheap to read): stopping early when preempted only means the
    // rest waits for the follow-up scan.
    const outOfTime = (): boolean => this.clock() - start >= budget;
    // The lines to read: when the skipper can tell them from the bytes alone, only those (no
    // row walked); else every line since the last scan, with the skipper's plan for them.
    let chosenPlan: number[] | undefined;
    const choose = (from: number, to: number): PendingLine[] | undefined => {
      const chosen = this.skipper.chosen(from, to);
      chosenPlan = chosen?.plan;
      return chosen?.lines;
    };
    const partial = this.matcher.wantsPartialLines;
    const pending = this.skipper.active ? this.tracker.pendingChosen(partial, choose) : this.tracker.pending(partial);
    const skippable = chosenPlan ?? (this.skipper.active ? this.skipper.skippable(pending) : undefined);
    // When the CPU clock was first read (see LINES_WORTH_A_CPU_READING), and what it said.
    let cpuFrom: number | undefined;
    let cpuStart = 0;
    let read = 0;
    const wasBehind = this.behind;
    this.behind = false;
    let unmatched = 0;
    for (let i = 0; i < pending.length; i++) {
      if (budget <= 0 || (i % LINES_PER_CLOCK_READING === LINES_PER_CLOCK_READING - 1 && outOfTime())) {
        // The rest waits for the next scan; a partial line is looked at afresh then anyway.
        if (pending[i]!.complete) this.tracker.rewind(pending[i]!);
        this.behind = true;
        break;
      }
      const plan = skippable?.[i];
      if (plan === LINE_SKIP) continue;
      // A line whose literals belong to triggers that cannot fire now (rate-limited, cooling
      // down): the matcher would not run their regexes, so the line need not be read either.
      if (plan !== undefined && plan >= 0 && !this.skipper.mayFire(plan, this.matcher)) continue;
      const line = this.tracker.read(pending[i]!);
      if (++read === LINES_WORTH_A_CPU_READING) {
        cpuFrom = this.clock();
        cpuStart = this.cpuClock();
      }
      if (line === undefined) continue;
      const firings = this.matcher.match(line, outOfTime);
      for (let f = 0; f < firings.length; f++) this.run(firings[f]!, line);
      if (this.matcher.cutShort) unmatched++; // one line longer than the whole slice
    }
    if (this.skipper.active) this.skipper.rearm(!this.behind);
    // What the scan cost is the lesser of the two clocks: wall time counts time preempted by
    // other processes, the process's CPU time counts V8's other threads (GC, compiler).
    this.lastScanEnd = this.clock();
    this.scanned = true;
    const cost =
      cpuFrom === undefined
        ? this.lastScanEnd - start
        : cpuFrom - start + Math.min(this.lastScanEnd - cpuFrom, this.cpuClock() - cpuStart);
    this.credit -= cost;
    // Lines left for later were trimmed out of the history before their turn.
    if (this.tracker.takeLostTrack() && wasBehind) unmatched++;
    const notices = this.matcher.takeNotices();
    for (let n = 0; n < notices.length; n++) this.effects.showMessage(notices[n]!);
    this.noteLoss(unmatched, this.lastScanEnd);
    if (this.behind) this.followUp = this.later(() => {
      this.followUp = undefined;
      this.scanNow();
    }, TRIGGER_SLICE_MS);
  }

  /** Once per flood: lines going by unmatched is worth a message, each chunk of them is not. */
  private noteLoss(unmatched: number, now: number): void {
    if (unmatched === 0) return;
    if (now - this.lastLossAt >= FLOOD_QUIET_MS) this.effects.showMessage(FELL_BEHIND_MESSAGE);
    this.lastLossAt = now;
  }

  private run(firing: TriggerFiring, line: TrackedLine): void {
    switch (firing.action) {
      case 'run-coprocess':
      case 'run-silent-coprocess':
        if (firing.argv && firing.argv.length > 0) {
          this.effects.runCoprocess(this.pane, firing.argv, firing.env ?? {}, firing.action === 'run-silent-coprocess', firing.trigger);
        }
        return;
      case 'zmodem-receive':
      case 'zmodem-send':
        this.effects.askZmodem(this.pane, firing.action === 'zmodem-receive' ? 'receive' : 'send');
        return;
      case 'send-text':
        if (firing.text) this.pane.write(firing.text);
        return;
      case 'highlight':
        if (line.row !== undefined && firing.style) {
          this.pane.emulator.addHighlight(line.row, firing.start, firing.end, cellHighlight(firing.style));
          this.pane.markDirty();
        }
        return;
      case 'bell':
        this.effects.bell();
        return;
      case 'notify':
        this.effects.showMessage(firing.text ?? '');
        return;
      case 'set-title':
        this.pane.titleOverride = firing.text ?? '';
        this.effects.requestRender();
        return;
      case 'stop':
        return;
    }
  }

  dispose(): void {
    this.followUp?.();
    this.followUp = undefined;
    this.tracker.dispose();
    this.stopObserving?.dispose();
    this.skipper.dispose();
  }
}

export function cellHighlight(style: HighlightStyle): CellHighlight {
  let attrs = 0;
  if (style.bold) attrs |= Attr.BOLD;
  if (style.underline) attrs |= Attr.UNDERLINE;
  if (style.italic) attrs |= Attr.ITALIC;
  if (style.inverse) attrs |= Attr.INVERSE;
  return { fg: colour(style.fg), bg: colour(style.bg), attrs };
}

function colour(value: HighlightStyle['fg']): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return palette256(value);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  return hex ? rgbColor(parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)) : undefined;
}
