// The README's tables of keys (copy mode's too), commands, options and trigger actions are generated from the
// same data tmx runs on, so they cannot drift. `UPDATE_README=1 npx vitest run
// tests/unit/readme.test.ts` rewrites them after a change to the tables.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX, TMUX_ONLY_KEYS } from '../../src/keymap/default-bindings.js';
import { COPY_MODE_COMMANDS } from '../../src/keymap/copy-mode-keys.js';
import { describeBindings } from '../../src/keymap/keymap.js';
import { commandHelp } from '../../src/commands/registry.js';
import { OPTION_TABLE } from '../../src/config/options.js';
import { TRIGGER_ACTIONS, TRIGGER_FIELDS } from '../../src/triggers/types.js';
import { helpText } from '../../src/cli-args.js';

const README = join(import.meta.dirname, '../../README.md');
const cell = (s: unknown): string => String(s).replaceAll('|', '\\|');
const code = (s: unknown): string => `\`${cell(s)}\``;

function tables(): Record<string, string> {
  const keys = describeBindings(DEFAULT_BINDINGS, DEFAULT_PREFIX).map(
    (r) => `| ${code(DEFAULT_PREFIX)} ${code(r.key)} | ${code(r.command)} | ${cell(r.note)} |`,
  );
  const commands = commandHelp().map((c) => `| ${code(c.usage)} | ${c.alias ? code(c.alias) : ''} | ${cell(c.summary)} |`);
  const options = Object.entries(OPTION_TABLE).map(([name, spec]) => {
    const range = 'min' in spec ? ` (${spec.min}–${spec.max})` : '';
    return `| ${code(name)} | ${spec.type}${range} | ${code(JSON.stringify(spec.default))} | ${cell(spec.help)} |`;
  });
  const actions = Object.entries(TRIGGER_ACTIONS).map(
    ([name, a]) => `| ${code(name)} | ${a.param ? code(a.param) : '—'} | ${cell(a.help)} |`,
  );
  const copyModeKeys = Object.entries(COPY_MODE_COMMANDS).map(
    ([name, c]) => `| ${c.keys.map(code).join(' ')} | ${code(name)} | ${cell(c.help)} |`,
  );
  const fields = Object.entries(TRIGGER_FIELDS).map(([name, f]) => `| ${code(name)} | ${cell(f.help)} |`);
  return {
    keys: ['| Keys | Command | What it does |', '|---|---|---|', ...keys].join('\n'),
    commands: ['| Command | Alias | What it does |', '|---|---|---|', ...commands].join('\n'),
    'copy-mode-keys': ['| Keys | Command | What it does |', '|---|---|---|', ...copyModeKeys].join('\n'),
    options: ['| Option | Type | Default | What it does |', '|---|---|---|---|', ...options].join('\n'),
    'trigger-actions': ['| Action | Parameter | What it does |', '|---|---|---|', ...actions].join('\n'),
    'trigger-fields': ['| Field | What it does |', '|---|---|', ...fields].join('\n'),
    usage: ['```', helpText().trimEnd(), '```'].join('\n'),
  };
}

function regenerate(readme: string): string {
  let out = readme;
  for (const [name, table] of Object.entries(tables())) {
    const pattern = new RegExp(`(<!-- ${name}:begin -->\\n)[^]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`README.md has no <!-- ${name}:begin/end --> markers`);
    out = out.replace(pattern, (_m, begin: string, end: string) => `${begin}${table}\n${end}`);
  }
  return out;
}

describe('README', () => {
  it('has the keys, commands, options and trigger tables exactly as tmx defines them', () => {
    const readme = readFileSync(README, 'utf8');
    const expected = regenerate(readme);
    if (process.env.UPDATE_README) writeFileSync(README, expected);
    expect(readme).toBe(expected);
  });

  it("names every tmux key that says what tmx lacks", () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf('are not in tmx yet');
    const paragraph = readme.slice(start, readme.indexOf('\n\n', start));
    expect(start).toBeGreaterThan(0);
    for (const key of Object.keys(TMUX_ONLY_KEYS)) {
      if (/^[0-9]$/.test(key)) expect(paragraph).toContain('the digits');
      else expect(paragraph, key).toContain(`\`${key}\``);
    }
  });

  it('shows the two set-up commands and the test command', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });
});
