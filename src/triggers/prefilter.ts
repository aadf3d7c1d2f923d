// Which triggers could match a line, found in one pass over it: each trigger's required
// literals (literals.ts) go into one automaton (aho-corasick.ts); a trigger is a candidate when
// one of its literals occurs in the line, or always when its regex has no literal. Only
// candidates run their regex, so a line costs about the same against 1 trigger or 10,000.
import { LiteralAutomaton } from './aho-corasick.js';
import { requiredLiterals } from './literals.js';
import type { CompiledTrigger } from './types.js';

export class TriggerPrefilter {
  private readonly automaton: LiteralAutomaton;
  /** For each literal (by automaton index), the triggers that require it. */
  private readonly triggersOf: number[][];
  /** Triggers whose regex has no literal: candidates on every line, in order. */
  private readonly unfiltered: number[];
  /** Last line each trigger was made a candidate for (a trigger with two literals is listed once). */
  private readonly listedIn: Uint32Array;
  private lineSerial = 0;
  private readonly foundLiterals: number[] = [];
  private readonly candidateBuffer: number[] = [];

  /** Indexes the triggers for which `include` holds (by their position in `triggers`). */
  constructor(triggers: readonly CompiledTrigger[], include: (trigger: CompiledTrigger) => boolean) {
    const literalIndex = new Map<string, number>();
    this.triggersOf = [];
    this.unfiltered = [];
    triggers.forEach((trigger, index) => {
      if (!include(trigger)) return;
      const literals = literalsOf(trigger);
      if (literals === undefined) {
        this.unfiltered.push(index);
        return;
      }
      // No literals at all: the regex can never match (like `a[]`); it is never a candidate.
      for (const literal of literals) {
        let at = literalIndex.get(literal);
        if (at === undefined) {
          at = this.triggersOf.length;
          literalIndex.set(literal, at);
          this.triggersOf.push([]);
        }
        this.triggersOf[at]!.push(index);
      }
    });
    this.automaton = new LiteralAutomaton([...literalIndex.keys()]);
    this.listedIn = new Uint32Array(triggers.length);
  }

  /**
   * Indices of the triggers that could match `text`, ascending (trigger order). The array is
   * reused by the next call: read it before calling again.
   */
  candidates(text: string): readonly number[] {
    if (this.triggersOf.length === 0) return this.unfiltered;
    const found = this.foundLiterals;
    found.length = 0;
    this.automaton.scan(text, found);
    if (found.length === 0) return this.unfiltered;
    if (++this.lineSerial === 0xffffffff) {
      this.listedIn.fill(0);
      this.lineSerial = 1;
    }
    const out = this.candidateBuffer;
    out.length = 0;
    for (const literal of found) {
      for (const trigger of this.triggersOf[literal]!) {
        if (this.listedIn[trigger] === this.lineSerial) continue;
        this.listedIn[trigger] = this.lineSerial;
        out.push(trigger);
      }
    }
    for (const trigger of this.unfiltered) out.push(trigger);
    if (out.length > 1) out.sort(ascending);
    return out;
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** Memoized per regex: every pane's matcher shares the triggers of the rc file. */
const literalCache = new WeakMap<RegExp, string[] | undefined>();

/** The literals one of which every match of the trigger contains; undefined when it has none. */
export function literalsOf(trigger: CompiledTrigger): string[] | undefined {
  if (literalCache.has(trigger.regex)) return literalCache.get(trigger.regex);
  const literals = requiredLiterals(trigger.regex.source);
  literalCache.set(trigger.regex, literals);
  return literals;
}

/** From this many triggers on, --check-config says what they cost (loading takes ~0.1 s a thousand). */
export const MANY_TRIGGERS = 5000;
/** Triggers named in a warning; the rest are counted. */
const NAMED_IN_WARNING = 5;

/**
 * What --check-config says about the cost of the triggers: those with no literal (their regex
 * runs on every line, the costly kind) by name, and a very long list. Empty when all is well.
 */
export function triggerCostWarnings(triggers: readonly CompiledTrigger[]): string[] {
  const warnings: string[] = [];
  const enabled = triggers.filter((t) => t.enabled);
  const unfiltered = enabled.filter((t) => literalsOf(t) === undefined);
  if (unfiltered.length > 0) {
    const names = unfiltered.slice(0, NAMED_IN_WARNING).map((t) => `"${t.label}"`).join(', ');
    const more = unfiltered.length > NAMED_IN_WARNING ? ` and ${unfiltered.length - NAMED_IN_WARNING} more` : '';
    const these = unfiltered.length === 1 ? 'trigger has' : 'triggers have';
    warnings.push(
      `triggers: ${unfiltered.length} ${these} no fixed text tmx can look for first, so the regex runs on every line of output ` +
        `(each costs as much as hundreds of triggers with text): ${names}${more}; put in a word every match contains, ` +
        `e.g. "error\\s\\d+" rather than "\\w+\\s\\d+"`,
    );
  }
  if (enabled.length >= MANY_TRIGGERS) {
    warnings.push(
      `triggers: ${enabled.length} is very many: matching stays fast (one pass over a line finds the text of all of them), ` +
        `but each pane's start and memory grow with them (about 0.1 s a thousand); one regex with alternatives (a|b|c) does the work of several`,
    );
  }
  return warnings;
}
