// The `keys` section: per-table bindings checked key by key (key name, command syntax, trust)
// and merged onto the default tables; a broken binding is dropped, the others kept.
import type { Action } from '../commands/actions.js';
import { parseCommandLine } from '../commands/registry.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX, type KeyTables } from '../keymap/default-bindings.js';
import { mergeBindings, type BindingOverrides } from '../keymap/keymap.js';
import { normalizeKeyName } from '../keymap/keys.js';
import { pathJoin, type Report } from './problems.js';
import { unknownNameHint } from './suggest.js';
import { refusalReason, type Untrusted } from './trust.js';

const TABLES = ['prefix', 'root'] as const;
type TableName = (typeof TABLES)[number];

/** Whether running this binding starts a program or types into a pane (refused from untrusted files). */
export function bindingRuns(actions: readonly Action[]): boolean {
  return actions.some((action) => {
    if (action.type === 'run-coprocess' || action.type === 'send-keys') return true;
    if (action.type === 'split-window') return action.command !== undefined;
    if (action.type === 'confirm-before') {
      const inner = parseCommandLine(action.command);
      return !('error' in inner) && bindingRuns(inner.actions);
    }
    return false;
  });
}

export function checkBindings(raw: unknown, prefix: string, untrusted: Untrusted | undefined, report: Report): KeyTables {
  const overrides: BindingOverrides = {};
  if (raw !== undefined) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      report('keys', 'must be a mapping of tables to bindings, e.g. {"prefix": {"|": "split-window -h"}, "root": {}}');
    } else {
      for (const [table, entries] of Object.entries(raw)) {
        if ((TABLES as readonly string[]).includes(table)) overrides[table as TableName] = checkTable(table as TableName, entries, untrusted, report);
        else report(pathJoin('keys', table), `unknown key table${unknownNameHint(table, TABLES)}`);
      }
    }
  }
  const merged = mergeBindings(DEFAULT_BINDINGS, overrides);
  if ('errors' in merged) {
    for (const error of merged.errors) report('keys', `${error} (using the default bindings)`);
    return withPrefixBinding(structuredClone(DEFAULT_BINDINGS), prefix, {});
  }
  return withPrefixBinding(merged, prefix, overrides);
}

function checkTable(table: TableName, entries: unknown, untrusted: Untrusted | undefined, report: Report): Record<string, string | null> {
  const valid: Record<string, string | null> = {};
  const base = pathJoin('keys', table);
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    report(base, 'must be a mapping of key names to command strings, e.g. {"|": "split-window -h", "C-l": null}');
    return valid;
  }
  for (const [key, command] of Object.entries(entries)) {
    const path = pathJoin(base, key);
    const problem = bindingProblem(key, command);
    if (problem !== undefined) {
      report(path, problem);
    } else if (untrusted !== undefined && typeof command === 'string' && runsProgram(command)) {
      report(path, `ignored: ${refusalReason(untrusted)}`, 'warning');
    } else {
      valid[key] = command as string | null;
    }
  }
  return valid;
}

function bindingProblem(key: string, command: unknown): string | undefined {
  const name = normalizeKeyName(key);
  if (typeof name !== 'string') return name.error;
  if (command === null) return undefined;
  if (typeof command !== 'string') return `must be a command string like "split-window -h", or null to unbind, not ${JSON.stringify(command)}`;
  const parsed = parseCommandLine(command);
  if ('error' in parsed) return parsed.error;
  if (parsed.actions.length === 0) return 'empty command (use null to unbind the key)';
  return undefined;
}

function runsProgram(command: string): boolean {
  const parsed = parseCommandLine(command);
  return !('error' in parsed) && bindingRuns(parsed.actions);
}

/**
 * As in screen and most tmux setups, pressing the prefix twice sends it to the pane: with a new
 * prefix, its send-prefix binding moves along unless the rc file binds those keys itself.
 */
function withPrefixBinding(tables: KeyTables, prefix: string, overrides: BindingOverrides): KeyTables {
  if (prefix === DEFAULT_PREFIX) return tables;
  const boundByUser = new Set(Object.keys(overrides.prefix ?? {}).map((key) => normalizeKeyName(key)));
  const sendPrefix = tables.prefix[DEFAULT_PREFIX];
  if (sendPrefix?.command === 'send-prefix' && !boundByUser.has(DEFAULT_PREFIX)) delete tables.prefix[DEFAULT_PREFIX];
  if (!boundByUser.has(prefix)) tables.prefix[prefix] = { command: 'send-prefix', note: 'Send the prefix key to the pane' };
  return tables;
}
