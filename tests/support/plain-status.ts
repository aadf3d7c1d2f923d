// A status line of plain text in the default status pen, for frames built by hand in tests.
import { DEFAULT_STYLE, type FrameView } from '../../src/ui/compose.js';

export function plainStatus(left: string, right: string): NonNullable<FrameView['status']> {
  const run = (text: string) => (text ? [{ text, fg: DEFAULT_STYLE.statusFg, bg: DEFAULT_STYLE.statusBg, attrs: DEFAULT_STYLE.statusAttrs }] : []);
  return { left: run(left), right: run(right) };
}
