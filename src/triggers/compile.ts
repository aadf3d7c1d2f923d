// Turns one trigger as written in the rc file into a CompiledTrigger, or explains why not.
// Everything that can be decided at load is decided here (regex, argv split, capture numbers),
// so firing a trigger later is a pure substitution that cannot fail.
import { unknownNameHint } from '../config/suggest.js';
import { compileLinearRegExp } from './linear-regexp.js';
import { compileStyle } from './style.js';
import { capturesUsed, parseArgvTemplate, parseTextTemplate } from './template.js';
import {
  MAX_COOLDOWN_MS,
  TRIGGER_ACTIONS,
  TRIGGER_FIELDS,
  TRIGGER_PARAMS,
  type CompiledTrigger,
  type Template,
  type TriggerAction,
  type TriggerIssue,
  type TriggerParam,
} from './types.js';

const ACTION_NAMES = Object.keys(TRIGGER_ACTIONS) as TriggerAction[];
const KNOWN_FIELDS = [...Object.keys(TRIGGER_FIELDS), ...TRIGGER_PARAMS];

type Raw = Record<string, unknown>;
type Parameters = Pick<CompiledTrigger, 'argv' | 'text' | 'style'>;

/**
 * The trigger, or undefined when it cannot work; `issues` collects errors and warnings (only
 * the errors for a trigger that is dropped: its warnings would be noise).
 */
export function compileTrigger(raw: unknown, issues: TriggerIssue[]): CompiledTrigger | undefined {
  const found: TriggerIssue[] = [];
  const trigger = compile(raw, found);
  issues.push(...(trigger ? found : found.filter((issue) => !issue.warning)));
  return trigger;
}

function compile(raw: unknown, issues: TriggerIssue[]): CompiledTrigger | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.push({ path: '', message: 'must be an object like {"regex": "error: (.*)", "action": "bell"}' });
    return undefined;
  }
  const trigger = raw as Raw;
  checkUnknownFields(trigger, issues);
  const regex = compileRegex(trigger.regex, issues);
  const action = checkAction(trigger.action, issues);
  if (regex === undefined || action === undefined) return undefined;
  const parameters = compileParameters(trigger, action, regex, issues);
  if (parameters === undefined) return undefined;
  return {
    label: labelOf(trigger.name, regex, issues),
    regex,
    action,
    ...parameters,
    instant: booleanField(trigger, 'instant', false, issues),
    altScreen: booleanField(trigger, 'altScreen', false, issues),
    enabled: booleanField(trigger, 'enabled', true, issues),
    cooldownMs: cooldownOf(trigger.cooldownMs, issues),
  };
}

function checkUnknownFields(trigger: Raw, issues: TriggerIssue[]): void {
  for (const key of Object.keys(trigger)) {
    if (!KNOWN_FIELDS.includes(key)) issues.push({ path: key, message: `unknown trigger field${unknownNameHint(key, KNOWN_FIELDS)}` });
  }
}

function compileRegex(raw: unknown, issues: TriggerIssue[]): RegExp | undefined {
  if (typeof raw !== 'string' || raw === '') {
    issues.push({ path: 'regex', message: raw === undefined ? 'is required' : 'must be a non-empty string' });
    return undefined;
  }
  const regex = compileLinearRegExp(raw);
  if ('error' in regex) {
    issues.push({ path: 'regex', message: regex.error });
    return undefined;
  }
  if (regex.test('')) {
    issues.push({ path: 'regex', message: 'matches an empty line, so it fires on every line; anchor it or require some text', warning: true });
  }
  return regex;
}

function checkAction(raw: unknown, issues: TriggerIssue[]): TriggerAction | undefined {
  if (typeof raw === 'string' && raw in TRIGGER_ACTIONS) return raw as TriggerAction;
  const message =
    raw === undefined
      ? `is required (one of ${ACTION_NAMES.join(', ')})`
      : typeof raw === 'string'
        ? `unknown action "${raw}"${unknownNameHint(raw, ACTION_NAMES)}`
        : `must be one of ${ACTION_NAMES.join(', ')}`;
  issues.push({ path: 'action', message });
  return undefined;
}

/** The action's own parameter, compiled; parameters of other actions are reported and ignored. */
function compileParameters(trigger: Raw, action: TriggerAction, regex: RegExp, issues: TriggerIssue[]): Parameters | undefined {
  const needed: TriggerParam | undefined = TRIGGER_ACTIONS[action].param;
  for (const param of TRIGGER_PARAMS) {
    if (param !== needed && trigger[param] !== undefined) {
      issues.push({ path: param, message: `is not used by action ${action}${needed ? ` (it takes ${needed})` : ''}` });
    }
  }
  if (needed === undefined) return {};
  const raw = trigger[needed];
  if (raw === undefined) {
    issues.push({ path: needed, message: `is required by action ${action}` });
    return undefined;
  }
  if (needed === 'style') {
    const style = compileStyle(raw, issues);
    return style && { style };
  }
  if (typeof raw !== 'string') {
    issues.push({ path: needed, message: `must be a string, not ${JSON.stringify(raw)}` });
    return undefined;
  }
  const templates = needed === 'command' ? compileCommand(raw, issues) : compileText(needed, raw, issues);
  if (templates === undefined || !capturesExist(needed, templates, regex, issues)) return undefined;
  return needed === 'command' ? { argv: templates } : { text: templates[0] };
}

function compileText(param: TriggerParam, raw: string, issues: TriggerIssue[]): Template[] | undefined {
  const text = parseTextTemplate(raw);
  if ('error' in text) {
    issues.push({ path: param, message: text.error });
    return undefined;
  }
  return [text];
}

function compileCommand(raw: string, issues: TriggerIssue[]): Template[] | undefined {
  const parsed = parseArgvTemplate(raw);
  const error = (message: string): undefined => void issues.push({ path: 'command', message });
  if ('error' in parsed) return error(parsed.error);
  const { argv, shellOperators } = parsed;
  if (argv.length === 0) return error('is empty: name the program to run');
  if (argv[0].some((part) => typeof part !== 'string')) {
    return error('the program (first word) must not contain a capture: pane output would choose what runs');
  }
  if (argv.some((word) => word.some((part) => typeof part === 'string' && part.includes('\0')))) {
    return error('an argument cannot contain a NUL character (\\x00)');
  }
  if (shellOperators.length > 0) {
    const ops = shellOperators.map((op) => `"${op}"`).join(', ');
    issues.push({
      path: 'command',
      message: `${ops} is passed to the program as an argument: tmx runs commands without a shell; for a pipeline write sh -c '...' and use "$TMX_MATCH_1" for captures`,
      warning: true,
    });
  }
  warnLeadingCaptures(argv, issues);
  return argv;
}

/** `git \1` lets output like `--upload-pack=...` become an option; `--` first prevents that. */
function warnLeadingCaptures(argv: Template[], issues: TriggerIssue[]): void {
  const endOfOptions = argv.findIndex((word) => word.length === 1 && word[0] === '--');
  argv.forEach((word, index) => {
    if (index === 0 || typeof word[0] === 'string' || (endOfOptions >= 0 && endOfOptions < index)) return;
    issues.push({
      path: 'command',
      message: `argument ${index} starts with capture \\${word[0].capture}: output like "-x" or "--opt" would be read as an option; put -- before it if the program accepts that, or text in front of the capture`,
      warning: true,
    });
  });
}

/**
 * Capture groups in a valid pattern: each `(` outside a class that is not escaped and not
 * `(?:`, lookaround or a modifier group (a named group `(?<name>` captures). Read from the
 * source rather than by compiling a second RegExp, which cost ~50 µs a trigger at load.
 */
export function groupCount(source: string): number {
  let groups = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(' && (source[i + 1] !== '?' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'))) groups++;
  }
  return groups;
}

function capturesExist(param: TriggerParam, templates: Template[], regex: RegExp, issues: TriggerIssue[]): boolean {
  const groups = groupCount(regex.source);
  const missing = capturesUsed(templates).filter((n) => n > groups);
  if (missing.length === 0) return true;
  issues.push({ path: param, message: `uses \\${missing[0]} but the regex has ${groups} capture group${groups === 1 ? '' : 's'}` });
  return false;
}

function labelOf(raw: unknown, regex: RegExp, issues: TriggerIssue[]): string {
  if (raw === undefined) return regex.source;
  if (typeof raw === 'string' && raw !== '') return raw;
  issues.push({ path: 'name', message: 'must be a non-empty string' });
  return regex.source;
}

function booleanField(trigger: Raw, key: 'instant' | 'altScreen' | 'enabled', fallback: boolean, issues: TriggerIssue[]): boolean {
  const raw = trigger[key];
  if (raw === undefined) return fallback;
  if (typeof raw === 'boolean') return raw;
  issues.push({ path: key, message: `must be true or false, not ${JSON.stringify(raw)} (using ${fallback})` });
  return fallback;
}

function cooldownOf(raw: unknown, issues: TriggerIssue[]): number {
  if (raw === undefined) return 0;
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= MAX_COOLDOWN_MS) return raw;
  issues.push({ path: 'cooldownMs', message: `must be milliseconds from 0 to ${MAX_COOLDOWN_MS} (a day), not ${JSON.stringify(raw)} (using 0)` });
  return 0;
}
