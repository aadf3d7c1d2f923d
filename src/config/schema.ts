// The JSON Schema of the rc file, generated from the option table and the trigger spec so
// editors complete and check exactly what validate.ts accepts. config/tmx.schema.json is this
// output; a unit test fails when they differ (regenerate: npm run build && node scripts/generate-schema.mjs).
import { DEFAULT_PREFIX } from '../keymap/default-bindings.js';
import { MAX_COOLDOWN_MS, STYLE_FLAGS, TRIGGER_ACTIONS, TRIGGER_FIELDS, type TriggerAction } from '../triggers/types.js';
import { OPTION_TABLE, type OptionSpec } from './options.js';

type Schema = Record<string, unknown>;

const PALETTE_MAX = 255;

function optionSchema(spec: OptionSpec): Schema {
  const schema: Schema = { description: spec.help, default: spec.default };
  if (spec.type === 'enum') return { ...schema, type: 'string', enum: spec.values };
  schema.type = spec.type;
  if (spec.min !== undefined) schema.minimum = spec.min;
  if (spec.max !== undefined) schema.maximum = spec.max;
  return schema;
}

function optionsSchema(): Schema {
  const properties = Object.fromEntries(Object.entries(OPTION_TABLE).map(([name, spec]) => [name, optionSchema(spec)]));
  return { type: 'object', description: 'Options; anything left out keeps its default.', additionalProperties: false, properties };
}

function keysSchema(): Schema {
  const table = (which: string): Schema => ({
    type: 'object',
    description: `Bindings of the ${which} table: key name (C-a, M-Left, F5, |) to a tmux-style command string; null unbinds.`,
    additionalProperties: { type: ['string', 'null'] },
  });
  return {
    type: 'object',
    description: 'Key bindings added to (or removed from) the defaults.',
    additionalProperties: false,
    properties: { prefix: table('prefix (after the prefix key)'), root: table('root (no prefix needed)') },
  };
}

function styleSchema(): Schema {
  const colour = {
    oneOf: [
      { type: 'integer', minimum: 0, maximum: PALETTE_MAX, description: 'Palette colour.' },
      { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', description: 'RGB colour, #rrggbb.' },
    ],
  };
  const flags = Object.fromEntries(STYLE_FLAGS.map((flag) => [flag, { type: 'boolean' }]));
  return { type: 'object', additionalProperties: false, minProperties: 1, properties: { fg: colour, bg: colour, ...flags } };
}

const PARAM_HELP: Readonly<Record<string, string>> = {
  command: 'Program and arguments, split like a shell would but run without one; \\1..\\9 insert captures as literal text.',
  text: 'Text typed into the pane; escapes \\n \\r \\t \\e \\xNN \\\\ and captures \\0..\\9.',
  message: 'Shown in the status line; escapes and captures as in text.',
  title: 'The new pane title; escapes and captures as in text.',
};

function triggerSchema(): Schema {
  const actions = Object.keys(TRIGGER_ACTIONS) as TriggerAction[];
  const fields: Record<string, Schema> = {};
  for (const [name, field] of Object.entries(TRIGGER_FIELDS)) {
    fields[name] = field.type === 'enum' ? { enum: actions, description: field.help } : { type: field.type, description: field.help };
  }
  fields.regex = { ...fields.regex, minLength: 1 };
  fields.cooldownMs = { ...fields.cooldownMs, minimum: 0, maximum: MAX_COOLDOWN_MS };
  for (const [param, help] of Object.entries(PARAM_HELP)) fields[param] = { type: 'string', description: help };
  fields.style = { ...styleSchema(), description: 'How highlight draws the matched text.' };
  const needs = actions
    .filter((action) => TRIGGER_ACTIONS[action].param !== undefined)
    .map((action) => ({ if: { properties: { action: { const: action } } }, then: { required: [TRIGGER_ACTIONS[action].param] } }));
  return { type: 'object', required: ['regex', 'action'], additionalProperties: false, properties: fields, allOf: needs };
}

export function rcFileSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'tmx rc file (.tmxrc.json, .tmxrc.yaml, ~/.config/tmx/config.json, ...)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'Where editors find this schema.' },
      prefix: { type: 'string', description: 'The prefix key, e.g. C-a.', default: DEFAULT_PREFIX },
      keys: keysSchema(),
      options: optionsSchema(),
      triggers: { type: 'array', description: 'Regexes matched against pane output, in order, and what each does.', items: triggerSchema() },
    },
  };
}

/** The text of config/tmx.schema.json. */
export function rcFileSchemaText(): string {
  return `${JSON.stringify(rcFileSchema(), null, 2)}\n`;
}
