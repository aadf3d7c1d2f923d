// Memory under hostile output, in a real terminal: four panes each print twenty 9 MB control
// strings (titles, DCS strings, OSC 52 clipboard writes, parameter lists, in turn), as a program
// that went wrong or a file `cat` by mistake could. tmx's peak memory must stay within 64 MB
// per pane of what it used idle, and it must still answer keys afterwards. (Before strings
// were bounded, four panes of titles took tmx to 2.6 GB.)
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { closeAllTerminals, runInPane as run, startTmx, tmxCommand as command } from './harness.js';

afterEach(closeAllTerminals);

const PANES = 4;
/** The target: whatever a pane prints, tmx stays within this of its idle memory per pane. */
const MAX_GROWTH_PER_PANE_MIB = 64;
const STRINGS_PER_PANE = 20;
const STRING_BYTES = 9 * 1024 * 1024;

/** A /proc/PID/status field in MiB (VmRSS: now; VmHWM: the peak so far). */
function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/** A shell script printing the strings in turn: a title, DCS strings, an OSC 52 write, a CSI's parameters. */
function floodScript(): string {
  const kinds = [
    [String.raw`\033]0;`, String.raw`\007`, 'x'],
    [String.raw`\033P1$q`, String.raw`\033\\`, 'y'],
    [String.raw`\033]52;c;`, String.raw`\033\\`, 'A'],
    [String.raw`\033Pq`, String.raw`\033\\`, '~'], // a DCS xterm has no handler for (sixel)
    [String.raw`\033[`, 'm', ';'], // a CSI with millions of parameters
  ];
  const lines = ['i=0', `while [ $i -lt ${STRINGS_PER_PANE} ]; do`];
  lines.push(`  case $((i % ${kinds.length})) in`);
  for (const [n, [open, close, fill]] of kinds.entries()) {
    lines.push(`    ${n}) printf '${open}'; head -c ${STRING_BYTES} /dev/zero | tr '\\0' '${fill}'; printf '${close}';;`);
  }
  lines.push('  esac', '  i=$((i + 1))', 'done');
  return `${lines.join('\n')}\n`;
}

describe('memory under hostile output', () => {
  it('four panes printing 9 MB titles, DCS and OSC 52 strings, parameter lists: within 64 MB a pane, and keys still echo', async () => {
    const t = await startTmx({ cols: 120, rows: 40, homeFiles: { 'flood.sh': floodScript() } });
    for (const [key, panes] of [['%', 2], ['"', 3], ['Left', 3], ['"', 4]] as const) {
      t.prefix(key);
      await t.waitFor(() => t.tmxCommand('list-panes').stdout.trim().split('\n').length === panes);
    }
    const tmx = t.tmxPid()!;
    const idle = memoryMiB(tmx, 'VmRSS');
    // Every pane starts its flood; each says when it is done (a computed marker, so the typed
    // command line never matches it).
    for (let pane = 0; pane < PANES; pane++) {
      await command(t, `select-pane -t ${pane}`);
      await t.waitForFocus(pane);
      t.type(`sh flood.sh; echo flood-done-$((${pane}+100))`);
      t.keys('Enter');
    }
    for (let pane = 0; pane < PANES; pane++) await t.waitFor(`flood-done-${pane + 100}`, 180_000);
    const peak = memoryMiB(tmx, 'VmHWM');
    console.log(`tmx memory: idle ${idle.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB under ${PANES} x ${STRINGS_PER_PANE} x 9 MB strings`);
    expect(peak - idle).toBeLessThan(PANES * MAX_GROWTH_PER_PANE_MIB);
    // Still answering keys, and none of the strings became a title.
    await run(t, 'echo still-here-$((6*7))', /still-here-42/);
    expect(t.screen()).not.toMatch(/xxxxxxxx|yyyyyyyy|AAAAAAAA|~~~~~~~~|;;;;;;;;/);
  }, 240_000);
});
