// Matches lines of pane output against the compiled triggers and says what should happen.
// Pure except for the injected clock: the app executes the firings, `tmx triggers test`
// prints them, and unit tests check them, all from the same values.
import { globalCopy } from './linear-regexp.js';
import { captureEnv, expandTemplate, matchCaptures } from './template.js';
import type { CompiledTrigger, TrackedLine, TriggerFiring } from './types.js';

/** Characters of a line a trigger looks at: enough for any real log line; the rest is cut. */
export const MAX_TRIGGER_TEXT = 4096;
/** A trigger may fire this often per window; more is a loop (its coprocess re-firing it) or a flood. */
export const RATE_LIMIT_FIRINGS = 5;
export const RATE_LIMIT_WINDOW_MS = 1000;
/** Highlights drawn per trigger per line; a line of 4096 one-character matches is not useful. */
export const MAX_HIGHLIGHTS_PER_LINE = 64;

interface TriggerState {
  lastFiredAt: number;
  lastLineId: number;
  recentFirings: number[];
  /** True while over the rate limit, so the notice is given once per burst. */
  limited: boolean;
  everyMatch?: RegExp;
}

export interface MatcherOptions {
  /** false for `tmx triggers test`: a transcript has no timing, so cooldowns and rate limits mean nothing. */
  applyLimits?: boolean;
}

export class TriggerMatcher {
  private readonly states: TriggerState[];
  private readonly applyLimits: boolean;
  private notices: string[] = [];

  constructor(
    private readonly triggers: readonly CompiledTrigger[],
    private readonly now: () => number,
    options: MatcherOptions = {},
  ) {
    this.states = triggers.map(() => ({ lastFiredAt: -Infinity, lastLineId: -1, recentFirings: [], limited: false }));
    this.applyLimits = options.applyLimits ?? true;
  }

  /** Whether partial lines are worth sending (only instant triggers look at them). */
  get wantsPartialLines(): boolean {
    return this.triggers.some((t) => t.instant && t.enabled);
  }

  /** Messages for the status line (a trigger being rate-limited); each is returned once. */
  takeNotices(): string[] {
    const notices = this.notices;
    this.notices = [];
    return notices;
  }

  /** Each trigger fires at most once per line id; a matching `stop` ends the list for this line. */
  match(line: TrackedLine): TriggerFiring[] {
    const text = line.text.length > MAX_TRIGGER_TEXT ? line.text.slice(0, MAX_TRIGGER_TEXT) : line.text;
    const firings: TriggerFiring[] = [];
    for (let i = 0; i < this.triggers.length; i++) {
      const trigger = this.triggers[i];
      if (!looksAt(trigger, line)) continue;
      const match = trigger.regex.exec(text);
      if (match === null) continue;
      const state = this.states[i];
      const firstTimeOnLine = state.lastLineId !== line.id;
      if (trigger.action === 'stop') {
        if (firstTimeOnLine) firings.push(firing(trigger, match, line));
        state.lastLineId = line.id;
        break;
      }
      if (!firstTimeOnLine || !this.allowed(trigger, state)) continue;
      state.lastLineId = line.id;
      firings.push(...this.fire(trigger, state, match, text, line));
    }
    return firings;
  }

  private fire(trigger: CompiledTrigger, state: TriggerState, match: RegExpExecArray, text: string, line: TrackedLine): TriggerFiring[] {
    const now = this.now();
    state.lastFiredAt = now;
    state.recentFirings.push(now);
    if (trigger.action !== 'highlight') return [firing(trigger, match, line)];
    state.everyMatch ??= globalCopy(trigger.regex);
    return everyMatch(state.everyMatch, text).map((m) => firing(trigger, m, line));
  }

  /** Cooldown and rate limit; highlights only draw, so they cannot loop and are not rate-limited. */
  private allowed(trigger: CompiledTrigger, state: TriggerState): boolean {
    if (!this.applyLimits) return true;
    const now = this.now();
    if (now - state.lastFiredAt < trigger.cooldownMs) return false;
    if (trigger.action === 'highlight') return true;
    state.recentFirings = state.recentFirings.filter((t) => now - t < RATE_LIMIT_WINDOW_MS);
    if (state.recentFirings.length < RATE_LIMIT_FIRINGS) {
      state.limited = false;
      return true;
    }
    if (!state.limited) {
      this.notices.push(
        `trigger "${trigger.label}" matched more than ${RATE_LIMIT_FIRINGS} times in ${RATE_LIMIT_WINDOW_MS} ms; skipping matches until it calms down`,
      );
      state.limited = true;
    }
    return false;
  }
}

function looksAt(trigger: CompiledTrigger, line: TrackedLine): boolean {
  if (!trigger.enabled) return false;
  if (line.altScreen && !trigger.altScreen) return false;
  return line.complete || trigger.instant;
}

function everyMatch(regex: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (matches.length < MAX_HIGHLIGHTS_PER_LINE && (match = regex.exec(text)) !== null) {
    matches.push(match);
    if (match[0] === '') regex.lastIndex += 1;
  }
  return matches;
}

function firing(trigger: CompiledTrigger, match: RegExpExecArray, line: TrackedLine): TriggerFiring {
  const captures = matchCaptures(match);
  const base = { trigger: trigger.label, action: trigger.action, lineId: line.id, start: match.index, end: match.index + match[0].length };
  switch (trigger.action) {
    case 'run-coprocess':
    case 'run-silent-coprocess':
      return { ...base, argv: (trigger.argv ?? []).map((word) => expandTemplate(word, captures)), env: captureEnv(captures) };
    case 'send-text':
    case 'notify':
    case 'set-title':
      return { ...base, text: expandTemplate(trigger.text ?? [], captures) };
    case 'highlight':
      return { ...base, style: trigger.style };
    case 'bell':
    case 'stop':
    case 'zmodem-receive':
    case 'zmodem-send':
      return base;
    default:
      return unreachable(trigger.action);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled trigger action: ${String(value)}`);
}
