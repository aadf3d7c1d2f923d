// The trigger spec as data: every action, the parameter it needs and its help text. Validation
// (compile.ts), the rc file's JSON Schema (config/schema.ts) and the README all read this table,
// so they cannot drift from what the engine does.

export const TRIGGER_ACTIONS = {
  'run-coprocess': { param: 'command', help: 'Run COMMAND as the pane\'s coprocess: it reads the pane\'s output, what it prints is typed in.' },
  'run-silent-coprocess': { param: 'command', help: 'Like run-coprocess, but the pane\'s output is hidden from the screen (and from triggers) while it runs.' },
  'zmodem-receive': { param: undefined, help: 'Ask in the status line which folder a ZModem download goes to (offering zmodem-download-dir), then receive it with rz as a silent coprocess; Escape cancels the transfer.' },
  'zmodem-send': { param: undefined, help: 'Ask in the status line which file to send to the rz waiting in the pane, then send it with sz as a silent coprocess; Escape cancels the transfer.' },
  'send-text': { param: 'text', help: 'Type TEXT into the pane, as if typed on the keyboard.' },
  highlight: { param: 'style', help: 'Draw the matched text in STYLE.' },
  bell: { param: undefined, help: 'Ring the bell.' },
  notify: { param: 'message', help: 'Show MESSAGE in the status line.' },
  'set-title': { param: 'title', help: 'Set the pane\'s title to TITLE.' },
  stop: { param: undefined, help: 'No later trigger looks at this line.' },
} as const satisfies Record<string, { param: TriggerParam | undefined; help: string }>;

export type TriggerAction = keyof typeof TRIGGER_ACTIONS;
export type TriggerParam = 'command' | 'text' | 'style' | 'message' | 'title';
export const TRIGGER_PARAMS: readonly TriggerParam[] = ['command', 'text', 'style', 'message', 'title'];

/** The optional fields of a trigger besides its action parameter, with their help text. */
export const TRIGGER_FIELDS = {
  regex: { type: 'string', help: 'Regular expression matched against each line of pane output (linear-time engine: no backreferences or lookaround).' },
  action: { type: 'enum', help: 'What to do when the regex matches.' },
  name: { type: 'string', help: 'Shown in messages and `tmx triggers test`; defaults to the regex.' },
  instant: { type: 'boolean', help: 'Match the line while it is still being printed, at most once per line.' },
  altScreen: { type: 'boolean', help: 'Also match inside full-screen programs (alternate screen). Default false.' },
  cooldownMs: { type: 'number', help: 'After firing, ignore matches for this many milliseconds.' },
  enabled: { type: 'boolean', help: 'false keeps the trigger in the file but switched off.' },
} as const;

/** Longest cooldown accepted: a day; anything longer is almost certainly a unit mistake. */
export const MAX_COOLDOWN_MS = 86_400_000;

export type Colour = number | `#${string}`;

export interface HighlightStyle {
  fg?: Colour;
  bg?: Colour;
  bold?: boolean;
  underline?: boolean;
  italic?: boolean;
  inverse?: boolean;
}

export const STYLE_FLAGS = ['bold', 'underline', 'italic', 'inverse'] as const;

/** A piece of a template: literal text, or capture group n (0 is the whole match). */
export type TemplatePart = string | { capture: number };
export type Template = TemplatePart[];

export interface CompiledTrigger {
  /** The name, or the regex when unnamed: how messages refer to it. */
  label: string;
  regex: RegExp;
  action: TriggerAction;
  /** run-coprocess, run-silent-coprocess: one template per argument, split once at load. */
  argv?: Template[];
  /** send-text, notify, set-title. */
  text?: Template;
  style?: HighlightStyle;
  instant: boolean;
  altScreen: boolean;
  cooldownMs: number;
  enabled: boolean;
}

/** A line of pane output as triggers see it (line-tracker.ts makes these). */
export interface TrackedLine {
  /** Increases by one per logical line; a partial line has the id it will have once complete. */
  id: number;
  text: string;
  complete: boolean;
  altScreen: boolean;
  /** Absolute buffer row where the logical line starts (for highlights). */
  row?: number;
}

/** What a trigger asks the app to do: a plain value, nothing has run yet. */
export interface TriggerFiring {
  trigger: string;
  action: TriggerAction;
  lineId: number;
  argv?: string[];
  env?: Record<string, string>;
  text?: string;
  style?: HighlightStyle;
  /** Match columns in the line text (UTF-16 indices, end exclusive). */
  start: number;
  end: number;
}

/** A problem found while compiling a trigger; `path` is relative to the trigger, e.g. `regex`. */
export interface TriggerIssue {
  path: string;
  message: string;
  warning?: boolean;
}
