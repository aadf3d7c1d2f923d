// Triggers on one pane: after each parsed chunk, the line tracker yields the lines to match
// and the matcher says what fires; this turns each firing into what it does. Pane output is
// untrusted: commands arrive here as argv (never a shell line) with captures already bound.
//
// Matching runs on a time budget, so that it never holds up keys or drawing: when a flood of
// output comes faster than the triggers can match it, the lines it cannot reach in time are
// skipped (not matched), and the status line says so once per flood.
import { performance } from 'node:perf_hooks';
import type { Pane } from '../panes/pane.js';
import { LineTracker, type PendingLine } from '../triggers/line-tracker.js';
import { TriggerMatcher } from '../triggers/matcher.js';
import type { CompiledTrigger, HighlightStyle, TrackedLine, TriggerFiring } from '../triggers/types.js';
import { Attr, palette256, rgbColor } from '../emulator/cells.js';
import type { CellHighlight } from '../emulator/emulator.js';

/** What firings act on in the app around the pane. */
export interface TriggerEffects {
  runCoprocess(pane: Pane, argv: string[], env: Record<string, string>, silent: boolean, label: string): void;
  showMessage(text: string): void;
  bell(): void;
  requestRender(): void;
}

/**
 * Share of the time triggers may take while output floods in: the rest goes to parsing,
 * drawing and keys. Matching at this share keeps up with any flood when the triggers have
 * literals (bench/triggers-micro.mjs: ~1 µs a line against ~2.5 µs to parse it).
 */
export const TRIGGER_TIME_SHARE = 0.5;
/** Most CPU time one scan may match for: a key typed meanwhile waits at most about this long. */
export const TRIGGER_SLICE_MS = 8;
/** A flood is over once no line has been skipped for this long; the next one is announced again. */
export const FLOOD_QUIET_MS = 1000;
/** Lines matched between readings of the CPU clock (a reading costs ~0.5-1.5 µs, a line ~1-2 µs). */
export const LINES_PER_CLOCK_READING = 32;

/** Milliseconds of CPU this process has used: time spent preempted by others is not ours to count. */
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export class PaneTriggers {
  private readonly tracker: LineTracker;
  private readonly matcher: TriggerMatcher;
  /**
   * Milliseconds of CPU the triggers may still use: refilled at TRIGGER_TIME_SHARE of the
   * wall-clock time between scans, spent by the CPU time a scan takes, never over one slice.
   */
  private credit = TRIGGER_SLICE_MS;
  private lastScanEnd: number;
  /** Lines skipped in the current flood; undefined when not behind. */
  private skippedInFlood: number | undefined;
  private lastSkipAt = -Infinity;

  constructor(
    private readonly pane: Pane,
    triggers: readonly CompiledTrigger[],
    private readonly effects: TriggerEffects,
    now: () => number = Date.now,
    /** Wall-clock milliseconds, for refilling the budget and telling when a flood is over. */
    private readonly clock: () => number = () => performance.now(),
    /** CPU milliseconds, for what matching spends. */
    private readonly cpuClock: () => number = processCpuMs,
  ) {
    this.tracker = new LineTracker(pane.emulator);
    this.matcher = new TriggerMatcher(triggers, now);
    this.lastScanEnd = clock();
  }

  /** Call after each parsed chunk of the pane's output. */
  scan(): void {
    const start = this.clock();
    this.credit = Math.min(TRIGGER_SLICE_MS, this.credit + (start - this.lastScanEnd) * TRIGGER_TIME_SHARE);
    const cpuStart = this.cpuClock();
    const cpuDeadline = cpuStart + this.credit;
    const outOfTime = (): boolean => this.cpuClock() >= cpuDeadline;
    const pending = this.tracker.pending(this.matcher.wantsPartialLines);
    let skipped = 0;
    for (let i = 0; i < pending.length; i++) {
      if (this.credit <= 0 || (i % LINES_PER_CLOCK_READING === LINES_PER_CLOCK_READING - 1 && outOfTime())) {
        skipped += this.skipRest(pending, i);
        break;
      }
      const line = this.tracker.read(pending[i]!);
      if (line === undefined) continue;
      for (const firing of this.matcher.match(line, outOfTime)) this.run(firing, line);
      if (this.matcher.cutShort) skipped++;
    }
    this.credit -= this.cpuClock() - cpuStart;
    this.lastScanEnd = this.clock();
    for (const notice of this.matcher.takeNotices()) this.effects.showMessage(notice);
    this.noteFlood(skipped, this.lastScanEnd);
  }

  private skipRest(pending: readonly PendingLine[], from: number): number {
    let skipped = 0;
    for (let i = from; i < pending.length; i++) {
      this.tracker.skip(pending[i]!);
      if (pending[i]!.complete) skipped++;
    }
    return skipped;
  }

  /** Once when lines start being skipped, once when the flood is over: never a message per chunk. */
  private noteFlood(skipped: number, now: number): void {
    if (skipped > 0) {
      this.lastSkipAt = now;
      if (this.skippedInFlood === undefined) {
        this.skippedInFlood = 0;
        this.effects.showMessage('Triggers fell behind a flood of output: lines are skipped (not matched) until it slows down');
      }
      this.skippedInFlood += skipped;
    } else if (this.skippedInFlood !== undefined && now - this.lastSkipAt >= FLOOD_QUIET_MS) {
      const count = this.skippedInFlood;
      this.skippedInFlood = undefined;
      this.effects.showMessage(`Triggers skipped ${count} line${count === 1 ? '' : 's'} of output (not matched); tmx --check-config names costly triggers`);
    }
  }

  private run(firing: TriggerFiring, line: TrackedLine): void {
    switch (firing.action) {
      case 'run-coprocess':
      case 'run-silent-coprocess':
        if (firing.argv && firing.argv.length > 0) {
          this.effects.runCoprocess(this.pane, firing.argv, firing.env ?? {}, firing.action === 'run-silent-coprocess', firing.trigger);
        }
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
    this.tracker.dispose();
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
