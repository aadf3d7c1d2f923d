// bin/tmx.js is what `tmx` runs (npm link, npm install -g): its #! line starts node with the
// flags tmx's memory figures depend on (bench/README.md, "Memory").
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/tmx.js');

describe('bin/tmx.js', () => {
  it('starts node with V8 young generation capped at 1 MiB a half', () => {
    const first = readFileSync(BIN, 'utf8').split('\n', 1)[0];
    expect(first).toBe('#!/usr/bin/env -S node --max-semi-space-size=1');
  });

  it('runs through its #! line', () => {
    // env -S splits the flags from node's name; a kernel that passed them whole would fail here.
    expect(execFileSync(BIN, ['--version'], { encoding: 'utf8' })).toMatch(/^tmx \d+\.\d+\.\d+\n$/);
  });
});
