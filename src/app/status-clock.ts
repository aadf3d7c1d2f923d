// Wakes the status line for its clock: every status-interval seconds (as tmux) and at each new
// minute, so the default `%H:%M` is never a minute behind. One timer, always re-armed from the
// wall clock (not a drifting interval), and stopped with the App.
import type { TimerPort } from './frame-scheduler.js';

const MINUTE_MS = 60_000;
/** With status-interval 0 (no clock redraws) the option is looked at again this often, for reload-config. */
const IDLE_RECHECK_MS = MINUTE_MS;
/** Past the boundary, so the redraw reads the new minute even if the timer fires a hair early. */
const BOUNDARY_SLACK_MS = 5;

export interface StatusClockPorts {
  timers: Pick<TimerPort, 'setTimeout' | 'clearTimeout'>;
  /** Milliseconds since 1970: the clock the status line shows. */
  wallClock(): number;
  /** status-interval, in seconds; 0 turns the clock redraws off. */
  intervalSeconds(): number;
  /** Redraw the status line. */
  tick(): void;
}

/** Milliseconds from `now` to the next redraw: the next multiple of the interval or the next minute. */
export function nextStatusWait(now: number, intervalSeconds: number): number {
  if (intervalSeconds <= 0) return IDLE_RECHECK_MS;
  const step = intervalSeconds * 1000;
  const nextTick = (Math.floor(now / step) + 1) * step;
  const nextMinute = (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS;
  return Math.min(nextTick, nextMinute) - now + BOUNDARY_SLACK_MS;
}

export class StatusClock {
  private handle: unknown;
  private running = false;

  constructor(private readonly ports: StatusClockPorts) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== undefined) this.ports.timers.clearTimeout?.(this.handle);
    this.handle = undefined;
  }

  private arm(): void {
    const interval = this.ports.intervalSeconds();
    this.handle = this.ports.timers.setTimeout(() => {
      this.handle = undefined;
      if (!this.running) return;
      if (interval > 0) this.ports.tick();
      this.arm();
    }, nextStatusWait(this.ports.wallClock(), interval));
    // A real timer must not keep a finished process alive; stop() is the normal way out.
    (this.handle as { unref?: () => void } | undefined)?.unref?.();
  }
}
