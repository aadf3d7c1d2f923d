// The `style` of a highlight trigger: colours as a palette number or #rrggbb, and flags.
import { STYLE_FLAGS, type Colour, type HighlightStyle, type TriggerIssue } from './types.js';

const STYLE_KEYS = ['fg', 'bg', ...STYLE_FLAGS] as const;
const PALETTE_SIZE = 256;

function checkColour(value: unknown): { colour: Colour } | { error: string } {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value < PALETTE_SIZE) return { colour: value };
    return { error: `palette colours are whole numbers 0-${PALETTE_SIZE - 1}, not ${value}` };
  }
  if (typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value)) return { colour: value.toLowerCase() as Colour };
  return { error: `a colour is a palette number 0-${PALETTE_SIZE - 1} or "#rrggbb", not ${JSON.stringify(value)}` };
}

/** Issues use paths like `style.fg`; an invalid style gives undefined (the trigger is dropped). */
export function compileStyle(raw: unknown, issues: TriggerIssue[]): HighlightStyle | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.push({ path: 'style', message: 'must be an object like {"fg": 1, "bold": true}' });
    return undefined;
  }
  const style: HighlightStyle = {};
  let ok = true;
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'fg' || key === 'bg') {
      const colour = checkColour(value);
      if ('error' in colour) {
        issues.push({ path: `style.${key}`, message: colour.error });
        ok = false;
      } else style[key] = colour.colour;
    } else if ((STYLE_FLAGS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') {
        issues.push({ path: `style.${key}`, message: `must be true or false, not ${JSON.stringify(value)}` });
        ok = false;
      } else style[key as (typeof STYLE_FLAGS)[number]] = value;
    } else {
      issues.push({ path: `style.${key}`, message: `unknown style key (known: ${STYLE_KEYS.join(', ')})` });
      ok = false;
    }
  }
  if (ok && Object.keys(style).length === 0) {
    issues.push({ path: 'style', message: `is empty: give at least one of ${STYLE_KEYS.join(', ')}` });
    return undefined;
  }
  return ok ? style : undefined;
}
