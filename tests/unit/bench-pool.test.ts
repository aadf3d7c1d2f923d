// The bench's summary of kept results (`node bench/run.mjs --pool FILE...`), run on result files
// in bench/results: the README's figures come from it, so it must pool what it says it pools.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '../..');
const results = (name: string): string => join(REPO, 'bench/results', name);
const FULL_RUN = results('2026-12-07-1931a91.json');
const EARLIER_FULL_RUN = results('2026-12-07-6a277e9.json');
/** A trigger-only run of the paired design (55e01fa, reverted): one server, its rc file switched. */
const PAIRED_RUN = results('2026-12-07-55e01fa-triggers.json');

function pool(...files: string[]): string {
  return execFileSync('node', [join(REPO, 'bench/run.mjs'), '--pool', ...files], { encoding: 'utf8', timeout: 30_000 });
}

function samples(file: string): Record<string, number[]> {
  return (JSON.parse(readFileSync(file, 'utf8')) as { samples: { tmx: Record<string, number[]> } }).samples.tmx;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The ratio column of a row of the printed table. */
function ratioOf(table: string, row: string): number {
  const line = table.split('\n').find((l) => l.trimStart().startsWith(row));
  if (!line) throw new Error(`no row "${row}" in:\n${table}`);
  const ratio = /\s(\d+\.\d+) vs none/.exec(line);
  if (!ratio) throw new Error(`no ratio in "${line}"`);
  return Number(ratio[1]);
}

describe('bench/run.mjs --pool', () => {
  it('gives one result file the trigger ratios of its own samples', () => {
    const out = pool(FULL_RUN);
    expect(out).toContain('3 runs pooled from 1 bench result(s), commits 1931a91');
    const own = samples(FULL_RUN);
    expect(ratioOf(out, 'with 100 triggers')).toBeCloseTo(median(own.trig100Ms!) / median(own.trig0Ms!), 2);
    expect(ratioOf(out, 'with 1,000 triggers')).toBeCloseTo(median(own.trig1000Ms!) / median(own.trig0Ms!), 2);
  });

  it('takes the medians over every file\'s samples together, not the median of the files\' medians', () => {
    const out = pool(FULL_RUN, EARLIER_FULL_RUN);
    expect(out).toContain('6 runs pooled from 2 bench result(s)');
    const all = (key: string): number[] => [...samples(FULL_RUN)[key]!, ...samples(EARLIER_FULL_RUN)[key]!];
    expect(ratioOf(out, 'with 100 triggers')).toBeCloseTo(median(all('trig100Ms')) / median(all('trig0Ms')), 2);
    // The two runs alone read 1.27 and 1.14 for 1,000 triggers: this one tells pooling apart.
    expect(ratioOf(out, 'with 1,000 triggers')).toBeCloseTo(median(all('trig1000Ms')) / median(all('trig0Ms')), 2);
    expect(out).not.toContain('two designs');
  });

  it('says when the trigger rows mix the two designs of the case', () => {
    const out = pool(FULL_RUN, PAIRED_RUN);
    expect(out).toContain('the trigger rows pool two designs of the case');
    expect(out).toContain('paired: one server, rc file switched before each flood');
    expect(out).toContain('separate servers, one per count');
  });
});
