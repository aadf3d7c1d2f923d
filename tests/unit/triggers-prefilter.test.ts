// The prefilter may only make matching faster: every test here compares it with the plain
// answer (String.includes, RegExp.test, the matcher that runs every regex on every line).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LiteralAutomaton } from '../../src/triggers/aho-corasick.js';
import { compileTrigger, groupCount } from '../../src/triggers/compile.js';
import { compileLinearRegExp } from '../../src/triggers/linear-regexp.js';
import { requiredLiterals } from '../../src/triggers/literals.js';
import { TriggerMatcher } from '../../src/triggers/matcher.js';
import type { CompiledTrigger, TrackedLine } from '../../src/triggers/types.js';

describe('required literals', () => {
  test.each([
    ['x17', ['x17']],
    ['error: (.*)', ['error: ']],
    ['[Ee]rror', ['Error', 'error']],
    ['colou?r', ['color', 'colour']],
    ['\\b(FAIL|PASS)\\b', ['FAIL', 'PASS']],
    ['^\\[debug\\]', ['[debug]']],
    ['(?<file>[\\w/]+\\.ts):(\\d+)', ['.ts:']],
    ['(?:ab)+c', ['abc']],
    ['a\\x41\\u0042\\.', ['aAB.']],
    ['a{', ['a{']],
    ['x{2,3}yz', ['xyz']],
    ['Password:\\s*$', ['Password:']],
    ['(foo|foobar)baz', ['foobaz', 'foobarbaz']],
    ['a[]', []],
  ])('%s needs %j', (source, literals) => {
    expect(requiredLiterals(source)?.sort()).toEqual([...literals].sort());
  });

  test.each(['^\\d+$', 'a|\\d', '.*', 'x?', '[^a]b?', '\\u{41}', '\\1', 'a\\cJ', '(?=a)b', '[a-z]+'])('%s has none', (source) => {
    expect(requiredLiterals(source)).toBeUndefined();
  });
});

/** Regex sources over a small alphabet, so that random lines often match. */
const atom = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'x', '-', '\\.', '.', '\\d', '\\w', '\\s', '[ab]', '[a-c]', '[^a]', '[.x]', '\\x61', '\\u0062', '[]', '[\\w.]', '{'),
);
const assertion = fc.constantFrom('^', '$', '\\b', '\\B');
const quantifier = fc.constantFrom('', '', '', '?', '*', '+', '{2}', '{1,2}', '{0,}', '??', '+?');
const regexSource: fc.Arbitrary<string> = fc.letrec<{ alt: string; seq: string; piece: string }>((tie) => ({
  alt: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('seq'), fc.tuple(tie('seq'), tie('seq')).map(([a, b]) => `${a}|${b}`)),
  seq: fc.array(tie('piece'), { minLength: 1, maxLength: 4 }).map((pieces) => pieces.join('')),
  piece: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(atom, quantifier).map(([a, q]) => a + q),
    assertion,
    fc.tuple(fc.constantFrom('(', '(?:'), tie('alt'), quantifier).map(([open, inner, q]) => `${open}${inner})${q}`),
  ),
})).alt.filter((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
});
const lineText = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x', '-', '.', '1', ' ', '{'), maxLength: 14 });

describe('literals are never wrong', () => {
  test('a line the regex matches contains one of its literals', () => {
    fc.assert(
      fc.property(regexSource, fc.array(lineText, { maxLength: 8 }), (source, lines) => {
        const literals = requiredLiterals(source);
        if (literals === undefined) return;
        const regex = new RegExp(source);
        for (const line of lines) {
          if (regex.test(line)) expect(literals.some((l) => line.includes(l)), `${source} on ${JSON.stringify(line)}: ${JSON.stringify(literals)}`).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the literal automaton', () => {
  const literal = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '\u{1F600}'), minLength: 1, maxLength: 5 });
  test.each([
    ['dense table', undefined],
    ['sparse edges', 0],
  ])('finds exactly the literals a line contains, each once (%s)', (_, denseLimit) => {
    fc.assert(
      fc.property(fc.uniqueArray(literal, { maxLength: 12 }), fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é', '\u{1F600}'), maxLength: 20 }), { maxLength: 5 }), (literals, texts) => {
        const automaton = new LiteralAutomaton(literals, denseLimit);
        for (const text of texts) {
          const found: number[] = [];
          automaton.scan(text, found);
          const expected = literals.flatMap((l, i) => (text.includes(l) ? [i] : []));
          expect([...found].sort((a, b) => a - b)).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** One trigger as it might be written, with everything that changes which one fires. */
const rawTrigger = fc.record({
  regex: regexSource,
  action: fc.constantFrom('bell', 'notify', 'stop', 'highlight', 'set-title', 'zmodem-receive'),
  instant: fc.boolean(),
  altScreen: fc.boolean(),
  enabled: fc.boolean(),
  cooldownMs: fc.constantFrom(0, 0, 0, 5, 50),
});

function compile(raw: { regex: string; action: string; instant: boolean; altScreen: boolean; enabled: boolean; cooldownMs: number }): CompiledTrigger | undefined {
  if ('error' in compileLinearRegExp(raw.regex)) return undefined;
  const param = raw.action === 'notify' ? { message: 'saw \\0' } : raw.action === 'highlight' ? { style: { bold: true } } : raw.action === 'set-title' ? { title: '\\0' } : {};
  return compileTrigger({ ...raw, ...param }, []);
}

/** A stream of lines as the tracker makes them: partial lines, then the same id complete. */
const lineStream = fc.array(
  fc.record({ text: lineText, complete: fc.boolean(), altScreen: fc.boolean(), nextId: fc.boolean(), advanceMs: fc.constantFrom(0, 1, 10, 300) }),
  { maxLength: 40 },
);

describe('the prefiltered matcher fires exactly what the plain loop fires', () => {
  test('over random triggers and lines, with cooldowns, rate limits, stop and once per line', () => {
    fc.assert(
      fc.property(fc.array(rawTrigger, { minLength: 1, maxLength: 12 }), lineStream, (raws, stream) => {
        const triggers = raws.map(compile).filter((t): t is CompiledTrigger => t !== undefined);
        let now = 0;
        const fast = new TriggerMatcher(triggers, () => now);
        const plain = new TriggerMatcher(triggers, () => now, { prefilter: false });
        let id = 0;
        for (const step of stream) {
          const line: TrackedLine = { id, text: step.text, complete: step.complete, altScreen: step.altScreen };
          expect(fast.match(line)).toEqual(plain.match(line));
          expect(fast.takeNotices()).toEqual(plain.takeNotices());
          if (step.complete || step.nextId) id++;
          now += step.advanceMs;
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('capture groups counted from the source', () => {
  const byEngine = (source: string) => new RegExp(`${source}|`).exec('')!.length - 1;
  test.each(['(a)(?<n>b)(?:c)', '\\(x\\)', '[(](a)', '[\\]()](b)', '(?=a)(?!b)(?<=c)(?<!d)(e)', '[](f)', '[^](g)', '((h)(i))'])('%s', (source) => {
    expect(groupCount(source)).toBe(byEngine(source));
  });
  test('random patterns', () => {
    fc.assert(fc.property(regexSource, (source) => {
      expect(groupCount(source)).toBe(byEngine(source));
    }), { numRuns: 2000 });
  });
});
