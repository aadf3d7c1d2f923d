import { describe, expect, test } from 'vitest';
import { compileTrigger } from '../../src/triggers/compile.js';
import { RATE_LIMIT_FIRINGS, RATE_LIMIT_WINDOW_MS, TriggerMatcher } from '../../src/triggers/matcher.js';
import type { CompiledTrigger, TrackedLine, TriggerIssue } from '../../src/triggers/types.js';

function triggers(...raws: Array<Record<string, unknown>>): CompiledTrigger[] {
  return raws.map((raw) => {
    const issues: TriggerIssue[] = [];
    const compiled = compileTrigger(raw, issues);
    expect(issues).toEqual([]);
    return compiled!;
  });
}

function line(id: number, text: string, complete = true, altScreen = false): TrackedLine {
  return { id, text, complete, altScreen };
}

function setup(...raws: Array<Record<string, unknown>>) {
  let now = 0;
  const matcher = new TriggerMatcher(triggers(...raws), () => now);
  const names = (l: TrackedLine) => matcher.match(l).map((f) => f.trigger);
  return { matcher, names, advance: (ms: number) => (now += ms) };
}

describe('complete and instant', () => {
  test('normal triggers wait for the complete line; instant ones fire on the partial line once', () => {
    const { names } = setup({ name: 'normal', regex: 'Password:', action: 'bell' }, { name: 'instant', regex: 'Password:', action: 'bell', instant: true });
    expect(names(line(0, 'Pass', false))).toEqual([]);
    expect(names(line(0, 'Password:', false))).toEqual(['instant']);
    expect(names(line(0, 'Password: ', false))).toEqual([]);
    expect(names(line(0, 'Password: ', true))).toEqual(['normal']);
    expect(names(line(1, 'Password:', true))).toEqual(['normal', 'instant']);
  });

  test('each trigger fires at most once per line id', () => {
    const { names } = setup({ regex: 'x', action: 'bell' });
    expect(names(line(3, 'x'))).toEqual(['x']);
    expect(names(line(3, 'x'))).toEqual([]);
    expect(names(line(4, 'x'))).toEqual(['x']);
  });
});

describe('the firing values', () => {
  test('each action carries what it needs', () => {
    const { matcher } = setup(
      { name: 'run', regex: '(\\w+)=(\\d+)', action: 'run-silent-coprocess', command: 'handle name=\\1 "n \\2"' },
      { name: 'title', regex: '(\\w+)=', action: 'set-title', title: 'saw \\1' },
      { name: 'mark', regex: '\\d', action: 'highlight', style: { fg: '#FF0000', bold: true } },
    );
    const firings = matcher.match(line(0, 'set a=1 b=22'));
    expect(firings).toEqual([
      {
        trigger: 'run', action: 'run-silent-coprocess', lineId: 0, start: 4, end: 7,
        argv: ['handle', 'name=a', 'n 1'], env: { TMX_MATCH_0: 'a=1', TMX_MATCH_1: 'a', TMX_MATCH_2: '1' },
      },
      { trigger: 'title', action: 'set-title', lineId: 0, start: 4, end: 6, text: 'saw a' },
      ...[[6, 7], [10, 11], [11, 12]].map(([start, end]) => ({
        trigger: 'mark', action: 'highlight', lineId: 0, start, end, style: { fg: '#ff0000', bold: true },
      })),
    ]);
  });

  test('an unnamed trigger is called by its regex', () => {
    const { matcher } = setup({ regex: 'ding', action: 'notify', message: 'rang' });
    expect(matcher.match(line(0, 'ding'))).toEqual([{ trigger: 'ding', action: 'notify', lineId: 0, start: 0, end: 4, text: 'rang' }]);
  });
});

describe('stop, enabled, altScreen', () => {
  test('stop ends matching for the line; triggers before it still fire', () => {
    const { names } = setup(
      { name: 'before', regex: 'noise', action: 'bell' },
      { name: 'stop', regex: '^\\[debug\\]', action: 'stop' },
      { name: 'after', regex: 'noise', action: 'bell' },
    );
    expect(names(line(0, '[debug] noise'))).toEqual(['before', 'stop']);
    expect(names(line(1, '[info] noise'))).toEqual(['before', 'after']);
  });

  test('an instant stop keeps stopping the same line once it is complete', () => {
    const { names } = setup({ name: 'stop', regex: 'secret', action: 'stop', instant: true }, { name: 'after', regex: 'secret', action: 'bell' });
    expect(names(line(0, 'secret', false))).toEqual(['stop']);
    expect(names(line(0, 'secret', true))).toEqual([]);
  });

  test('disabled triggers are skipped', () => {
    const { names } = setup({ regex: 'x', action: 'bell', enabled: false });
    expect(names(line(0, 'x'))).toEqual([]);
  });

  test('only altScreen triggers look at the alternate screen', () => {
    const { names } = setup({ name: 'main', regex: 'x', action: 'bell' }, { name: 'alt', regex: 'x', action: 'bell', altScreen: true });
    expect(names(line(0, 'x', true, true))).toEqual(['alt']);
    expect(names(line(1, 'x', true, false))).toEqual(['main', 'alt']);
  });
});

describe('cooldown and rate limit', () => {
  test('cooldownMs ignores matches until it has passed', () => {
    const { names, advance } = setup({ regex: 'x', action: 'bell', cooldownMs: 5000 });
    expect(names(line(0, 'x'))).toEqual(['x']);
    advance(4999);
    expect(names(line(1, 'x'))).toEqual([]);
    advance(1);
    expect(names(line(2, 'x'))).toEqual(['x']);
  });

  test(`at most ${RATE_LIMIT_FIRINGS} firings per ${RATE_LIMIT_WINDOW_MS} ms, with one notice`, () => {
    const { matcher, names, advance } = setup({ name: 'echo', regex: 'ping', action: 'send-text', text: 'ping\\r' });
    const fired = Array.from({ length: 20 }, (_, id) => names(line(id, 'ping')).length).reduce((a, b) => a + b);
    expect(fired).toBe(RATE_LIMIT_FIRINGS);
    expect(matcher.takeNotices()).toEqual([
      `trigger "echo" matched more than ${RATE_LIMIT_FIRINGS} times in ${RATE_LIMIT_WINDOW_MS} ms; skipping matches until it calms down`,
    ]);
    expect(matcher.takeNotices()).toEqual([]);
    advance(RATE_LIMIT_WINDOW_MS);
    expect(names(line(100, 'ping'))).toEqual(['echo']);
  });

  test('a trigger that could not fire (over its limit, cooling down) does not run its regex', () => {
    const [limited, cooling] = triggers({ name: 'lim', regex: 'ping', action: 'bell' }, { name: 'cool', regex: 'pong', action: 'bell', cooldownMs: 1000 });
    let runs = 0;
    for (const t of [limited!, cooling!]) {
      const exec = t.regex.exec.bind(t.regex);
      t.regex.exec = (text: string) => (runs++, exec(text));
    }
    const matcher = new TriggerMatcher([limited!, cooling!], () => 0);
    for (let id = 0; id < 20; id++) matcher.match(line(id, 'ping pong'));
    // ping: 5 firings and the match that gave the notice; pong: its one firing.
    expect(runs).toBe(RATE_LIMIT_FIRINGS + 1 + 1);
    expect(matcher.mayFire(0)).toBe(false);
    expect(matcher.mayFire(1)).toBe(false);
  });

  test('quietUntil says when a trigger that cannot fire may fire again, never later', () => {
    const [limited, cooling] = triggers({ name: 'lim', regex: 'ping', action: 'bell' }, { name: 'cool', regex: 'pong', action: 'bell', cooldownMs: 300 });
    let now = 1000;
    const matcher = new TriggerMatcher([limited!, cooling!], () => now);
    expect(matcher.quietUntil(0)).toBe(-Infinity);
    const version = matcher.version;
    for (let id = 0; id < 10; id++) {
      matcher.match(line(id, 'ping pong'));
      now += 10; // five firings of ping at 1000..1040, its notice at 1050
    }
    expect(matcher.version).toBeGreaterThan(version);
    expect(matcher.quietUntil(0)).toBe(1000 + RATE_LIMIT_WINDOW_MS);
    expect(matcher.quietUntil(1)).toBe(1000 + 300);
    for (const [trigger, until] of [[0, 1000 + RATE_LIMIT_WINDOW_MS], [1, 1300]] as const) {
      now = until - 1;
      expect(matcher.mayFire(trigger)).toBe(false);
      now = until;
      expect(matcher.mayFire(trigger)).toBe(true);
      expect(matcher.quietUntil(trigger)).toBe(-Infinity);
    }
  });

  test('highlights only draw, so they are not rate-limited', () => {
    const { names } = setup({ name: 'hl', regex: 'ERROR', action: 'highlight', style: { fg: 1 } });
    const fired = Array.from({ length: 50 }, (_, id) => names(line(id, 'ERROR')).length).reduce((a, b) => a + b);
    expect(fired).toBe(50);
  });

  test('limits can be switched off for replaying transcripts', () => {
    const matcher = new TriggerMatcher(triggers({ regex: 'x', action: 'bell', cooldownMs: 1000 }), () => 0, { applyLimits: false });
    expect(Array.from({ length: 10 }, (_, id) => matcher.match(line(id, 'x')).length)).toEqual(Array(10).fill(1));
  });
});
