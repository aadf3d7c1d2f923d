// Matches lines of pane output against the compiled triggers and says what should happen.
// Pure except for the injected clock: the app executes the firings, `tmx triggers test`
// prints them, and unit tests check them, all from the same values.
import { globalCopy } from './linear-regexp.js';
import { TriggerPrefilter } from './prefilter.js';
import { captureEnv, expandTemplate, matchCaptures } from './template.js';
import type { CompiledTrigger, TrackedLine, TriggerFiring } from './types.js';

/** Characters of a line a trigger looks at: enough for any real log line; the rest is cut. */
export const MAX_TRIGGER_TEXT = 4096;
/** A trigger may fire this often per window; more is a loop (its coprocess re-firing it) or a flood. */
export const RATE_LIMIT_FIRINGS = 5;
export const RATE_LIMIT_WINDOW_MS = 1000;
/** Highlights drawn per trigger per line; a line of 4096 one-character matches is not useful. */
export const MAX_HIGHLIGHTS_PER_LINE = 64;
/** match() asks whether time is up once per this many candidate triggers (asking costs ~50 ns). */
const BUDGET_CHECK_EVERY = 32;
const NO_FIRINGS: readonly TriggerFiring[] = Object.freeze([]);

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
  /** false runs every trigger's regex on every line (the reference the prefilter is tested against). */
  prefilter?: boolean;
}

/** Prefilters for complete lines (every enabled trigger) and partial lines (instant ones). */
interface Prefilters {
  complete: TriggerPrefilter;
  partial: TriggerPrefilter;
}

/**
 * Built once per list of triggers and shared by every pane's matcher: building is the costly
 * part with thousands of triggers. Sharing is safe because a prefilter is only used
 * synchronously, inside one match() call.
 */
const sharedPrefilters = new WeakMap<readonly CompiledTrigger[], Prefilters>();

function prefiltersFor(triggers: readonly CompiledTrigger[]): Prefilters {
  let prefilters = sharedPrefilters.get(triggers);
  if (prefilters === undefined) {
    prefilters = {
      complete: new TriggerPrefilter(triggers, (t) => t.enabled),
      partial: new TriggerPrefilter(triggers, (t) => t.enabled && t.instant),
    };
    sharedPrefilters.set(triggers, prefilters);
  }
  return prefilters;
}

export class TriggerMatcher {
  private readonly states: TriggerState[];
  private readonly applyLimits: boolean;
  private readonly prefilters: Prefilters | undefined;
  private readonly everyTrigger: readonly number[];
  private readonly partialLines: boolean;
  private notices: string[] = [];
  /** Whether the last match() stopped before every candidate trigger had looked at the line. */
  cutShort = false;
  /**
   * Goes up whenever a firing or a rate limit's notice changes what mayFire() says (time
   * passing changes it too, at the times quietUntil() gives).
   */
  version = 0;

  constructor(
    private readonly triggers: readonly CompiledTrigger[],
    private readonly now: () => number,
    options: MatcherOptions = {},
  ) {
    this.states = triggers.map(() => ({ lastFiredAt: -Infinity, lastLineId: -1, recentFirings: [], limited: false }));
    this.applyLimits = options.applyLimits ?? true;
    this.prefilters = options.prefilter === false ? undefined : prefiltersFor(triggers);
    this.everyTrigger = triggers.map((_, i) => i);
    this.partialLines = triggers.some((t) => t.instant && t.enabled);
  }

  /** Whether partial lines are worth sending (only instant triggers look at them). */
  get wantsPartialLines(): boolean {
    return this.partialLines;
  }

  /** Messages for the status line (a trigger being rate-limited); each is returned once. */
  takeNotices(): string[] {
    const notices = this.notices;
    this.notices = [];
    return notices;
  }

  /**
   * Each trigger fires at most once per line id; a matching `stop` ends the list for this line.
   * `outOfTime`, asked now and then, ends it too (then `cutShort` is set): later triggers do
   * not look at this line.
   */
  match(line: TrackedLine, outOfTime?: () => boolean): readonly TriggerFiring[] {
    const text = line.text.length > MAX_TRIGGER_TEXT ? line.text.slice(0, MAX_TRIGGER_TEXT) : line.text;
    const candidates = this.candidates(text, line.complete);
    this.cutShort = false;
    if (candidates.length === 0) return NO_FIRINGS; // most lines: nothing to run, nothing to allocate
    const firings: TriggerFiring[] = [];
    for (let c = 0; c < candidates.length; c++) {
      if (outOfTime !== undefined && c % BUDGET_CHECK_EVERY === BUDGET_CHECK_EVERY - 1 && outOfTime()) {
        this.cutShort = true;
        break;
      }
      const i = candidates[c]!;
      const trigger = this.triggers[i]!;
      if (!looksAt(trigger, line)) continue;
      const state = this.states[i]!;
      const firstTimeOnLine = state.lastLineId !== line.id;
      if (trigger.action === 'stop') {
        const match = trigger.regex.exec(text);
        if (match === null) continue;
        if (firstTimeOnLine) firings.push(firing(trigger, match, line));
        state.lastLineId = line.id;
        break;
      }
      // Decided before the regex runs: a trigger that could not fire anyway (already fired on
      // this line, cooling down, over its rate limit) costs no regex (a flood of lines it
      // matches, rate-limited, was the triggers' largest cost in bench/README.md's Triggers).
      if (!firstTimeOnLine) continue;
      const verdict = this.verdict(trigger, state);
      if (verdict === Verdict.Quiet) continue;
      const match = trigger.regex.exec(text);
      if (match === null) continue;
      if (verdict === Verdict.NewlyLimited) {
        this.notices.push(
          `trigger "${trigger.label}" matched more than ${RATE_LIMIT_FIRINGS} times in ${RATE_LIMIT_WINDOW_MS} ms; skipping matches until it calms down`,
        );
        state.limited = true;
        this.version++;
        continue;
      }
      state.limited = false;
      state.lastLineId = line.id;
      this.version++;
      firings.push(...this.fire(trigger, state, match, text, line));
    }
    return firings;
  }

  /**
   * Whether trigger `index` could fire on a new complete line of the normal screen now, if it
   * matched: false when match() would not even run its regex (disabled, cooling down, over its
   * rate limit, its notice given). Lets a pane skip reading such lines (output-skip.ts).
   */
  mayFire(index: number): boolean {
    const trigger = this.triggers[index]!;
    if (!trigger.enabled) return false;
    // A stop fires nothing the pane acts on, but it ends the line for the triggers after it.
    if (trigger.action === 'stop') return true;
    return this.verdict(trigger, this.states[index]!) !== Verdict.Quiet;
  }

  /**
   * Until when mayFire(index) stays false with no firing in between: -Infinity when it may
   * fire now; else when its cooldown and its rate limit have both run out. Never later than
   * the truth (a pane skips lines on it: output-skip.ts).
   */
  quietUntil(index: number): number {
    if (this.mayFire(index)) return -Infinity;
    const trigger = this.triggers[index]!;
    if (!trigger.enabled) return Infinity;
    const state = this.states[index]!;
    // Quiet while cooling down or over the limit with its notice given: it ends when both have.
    let until = state.lastFiredAt + trigger.cooldownMs;
    const recent = state.recentFirings;
    if (state.limited && recent.length >= RATE_LIMIT_FIRINGS) {
      // The window drops firings oldest first: under the limit once this one has left it.
      const leaving = recent[recent.length - RATE_LIMIT_FIRINGS]! + RATE_LIMIT_WINDOW_MS;
      if (leaving > until) until = leaving;
    }
    return until;
  }

  /** The triggers that could match, in order; every other one cannot (prefilter.ts). */
  private candidates(text: string, complete: boolean): readonly number[] {
    if (this.prefilters === undefined) return this.everyTrigger;
    return (complete ? this.prefilters.complete : this.prefilters.partial).candidates(text);
  }

  private fire(trigger: CompiledTrigger, state: TriggerState, match: RegExpExecArray, text: string, line: TrackedLine): TriggerFiring[] {
    const now = this.now();
    state.lastFiredAt = now;
    state.recentFirings.push(now);
    if (trigger.action !== 'highlight') return [firing(trigger, match, line)];
    state.everyMatch ??= globalCopy(trigger.regex);
    return everyMatch(state.everyMatch, text).map((m) => firing(trigger, m, line));
  }

  /**
   * Cooldown and rate limit, before the regex runs; highlights only draw, so they cannot loop
   * and are not rate-limited. Changes nothing but dropping firings that left the window: what
   * a match does with the verdict is the caller's.
   */
  private verdict(trigger: CompiledTrigger, state: TriggerState): Verdict {
    if (!this.applyLimits) return Verdict.Fire;
    const now = this.now();
    if (now - state.lastFiredAt < trigger.cooldownMs) return Verdict.Quiet;
    if (trigger.action === 'highlight') return Verdict.Fire;
    // Firings that left the window go (in place, a plain loop: this runs inlined into the pane's
    // scan, where closures made its compile longer).
    const recent = state.recentFirings;
    let kept = 0;
    for (let i = 0; i < recent.length; i++) if (now - recent[i]! < RATE_LIMIT_WINDOW_MS) recent[kept++] = recent[i]!;
    recent.length = kept;
    if (state.recentFirings.length < RATE_LIMIT_FIRINGS) return Verdict.Fire;
    // Over the limit: a match is dropped, and the first of a burst says so.
    return state.limited ? Verdict.Quiet : Verdict.NewlyLimited;
  }
}

/** What a match of a trigger would do now (TriggerMatcher.verdict). */
const enum Verdict {
  Fire,
  /** Dropped without a word: the regex need not run. */
  Quiet,
  /** Dropped, with the rate limit's notice. */
  NewlyLimited,
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
