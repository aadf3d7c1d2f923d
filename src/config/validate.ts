// Checks what the rc file says against the option table, the key names, the command parser
// and the trigger spec. Each broken part is reported (file, key path, fix) and replaced by its
// default; everything else in the file is kept, so one typo never costs the whole config.
import { DEFAULT_PREFIX, type KeyTables } from '../keymap/default-bindings.js';
import { normalizeKeyName } from '../keymap/keys.js';
import { compileTrigger } from '../triggers/compile.js';
import type { CompiledTrigger, TriggerIssue } from '../triggers/types.js';
import { OPTION_TABLE, defaultOptions, type OptionName, type OptionSpec, type Options } from './options.js';
import { keyProblem, pathJoin, type Problem, type Report } from './problems.js';
import { unknownNameHint } from './suggest.js';
import { refusalReason, type Untrusted } from './trust.js';
import { checkBindings } from './validate-keys.js';

export interface LoadedConfig {
  /** The rc file used, if any. */
  file?: string;
  /** Canonical key name. */
  prefix: string;
  /** Defaults merged with the rc file's keys. */
  bindings: KeyTables;
  /** Defaults merged with the rc file's options. */
  options: Options;
  /** Empty when refused by the trust check. */
  triggers: CompiledTrigger[];
  /** One line each, `FILE: error: PATH: what and the fix` or `FILE:LINE:COL: error: ...`; warnings too. */
  problems: string[];
  /** How many of `problems` are errors (the rest are warnings); `--check-config` fails when > 0. */
  errorCount: number;
}

export type ValidatedConfig = Omit<LoadedConfig, 'problems' | 'errorCount'> & { problems: Problem[] };

const TOP_LEVEL_KEYS = ['$schema', 'prefix', 'keys', 'options', 'triggers'] as const;
const OPTION_NAMES = Object.keys(OPTION_TABLE) as OptionName[];

export function validateConfig(content: unknown, file: string | undefined, untrusted: readonly Untrusted[]): ValidatedConfig {
  const problems: Problem[] = [];
  const report: Report = (path, message, severity = 'error') => problems.push(keyProblem(file, path, message, severity));
  const rc = asObject(content ?? {});
  if (rc === undefined) report('', 'the rc file must be a mapping with the keys prefix, keys, options and triggers');
  const raw = rc ?? {};
  for (const key of Object.keys(raw)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) report(pathJoin('', key), `unknown key${unknownNameHint(key, TOP_LEVEL_KEYS)}`);
  }
  const prefix = validatePrefix(raw.prefix, report);
  return {
    file,
    prefix,
    bindings: checkBindings(raw.keys, prefix, untrusted[0], report),
    options: validateOptions(raw.options, report),
    triggers: validateTriggers(raw.triggers, untrusted[0], report),
    problems,
  };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function validatePrefix(raw: unknown, report: Report): string {
  if (raw === undefined) return DEFAULT_PREFIX;
  if (typeof raw !== 'string') {
    report('prefix', `must be a key name like "C-a", not ${JSON.stringify(raw)} (using ${DEFAULT_PREFIX})`);
    return DEFAULT_PREFIX;
  }
  const key = normalizeKeyName(raw);
  if (typeof key === 'string') return key;
  report('prefix', `${key.error} (using ${DEFAULT_PREFIX})`);
  return DEFAULT_PREFIX;
}

function validateOptions(raw: unknown, report: Report): Options {
  const options = defaultOptions();
  if (raw === undefined) return options;
  const given = asObject(raw);
  if (given === undefined) {
    report('options', 'must be a mapping of option names to values, e.g. {"mouse": false}');
    return options;
  }
  for (const [name, value] of Object.entries(given)) {
    const path = pathJoin('options', name);
    if (!(name in OPTION_TABLE)) {
      report(path, `unknown option${unknownNameHint(name, OPTION_NAMES)}`);
      continue;
    }
    const spec: OptionSpec = OPTION_TABLE[name as OptionName];
    const problem = optionValueProblem(spec, value);
    if (problem !== undefined) report(path, `${problem} (using the default, ${JSON.stringify(spec.default)})`);
    else (options as Record<string, unknown>)[name] = value;
  }
  return options;
}

/** What is wrong with `value` for an option, or undefined when it is fine. */
export function optionValueProblem(spec: OptionSpec, value: unknown): string | undefined {
  const shown = JSON.stringify(value);
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, not ${shown}`;
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}, not ${value}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}, not ${value}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${shown}`;
    case 'string':
      if (typeof value !== 'string') return `must be a string, not ${shown}`;
      return spec.check?.(value);
    case 'enum':
      return typeof value === 'string' && spec.values?.includes(value) ? undefined : `must be one of ${spec.values?.join(', ')}, not ${shown}`;
  }
}

function validateTriggers(raw: unknown, untrusted: Untrusted | undefined, report: Report): CompiledTrigger[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    report('triggers', 'must be a list of triggers, e.g. [{"regex": "error: (.*)", "action": "bell"}]');
    return [];
  }
  const compiled: CompiledTrigger[] = [];
  raw.forEach((item, index) => {
    const issues: TriggerIssue[] = [];
    const trigger = compileTrigger(item, issues);
    for (const issue of issues) {
      const path = issue.path === '' ? `triggers[${index}]` : `triggers[${index}].${issue.path}`;
      report(path, issue.message, issue.warning ? 'warning' : 'error');
    }
    if (trigger) compiled.push(trigger);
  });
  if (untrusted !== undefined && raw.length > 0) {
    report('triggers', `all ${raw.length} ignored: ${refusalReason(untrusted)}`, 'warning');
    return [];
  }
  return compiled;
}
