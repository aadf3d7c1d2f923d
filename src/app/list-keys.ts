// What `prefix ?` shows, laid out for the screen's width. As tmux's list: the key and what it
// does first, the command it runs after (what an rc file binds). A note too long for its column
// wraps within it, word by word, so a command is never cut in two by the edge of the screen.
import type { BindingRow } from '../keymap/keymap.js';
import type { CommandHelp } from '../commands/registry.js';

/** Narrower than this, a note and its command no longer share a line: each gets lines of its own. */
const MIN_NOTE_COLUMN = 16;
/** Indent of a line that continues the entry above it. */
const CONTINUED = '      ';

export function listKeysLines(rows: BindingRow[], commands: CommandHelp[], prefix: string, width: number): string[] {
  const screen = Math.max(1, width);
  const keyWidth = Math.max(4, ...rows.map((r) => r.key.length));
  const tableWidth = prefix.length + 1;
  const noteAt = tableWidth + keyWidth + 2;
  // The command column fits the commands up to half the room; a longer one (a confirm-before
  // with its prompt) goes on a line of its own rather than squeeze every note.
  const commandWidth = Math.max(0, ...rows.map((r) => r.command.length).filter((n) => n <= (screen - noteAt) / 2));
  const longestNote = Math.max(8, ...rows.map((r) => (r.note || r.command).length));
  const noteWidth = Math.min(longestNote, screen - noteAt - 2 - commandWidth);
  const lines: string[] = [];
  for (const r of rows) {
    const head = `${r.table === 'prefix' ? `${prefix} ` : ' '.repeat(tableWidth)}${r.key.padEnd(keyWidth)}  `;
    const note = r.note || r.command;
    const indent = ' '.repeat(noteAt);
    if (noteWidth >= MIN_NOTE_COLUMN) {
      const [first = '', ...more] = wrapWords(note, noteWidth);
      const besideNote = noteAt + noteWidth + 2 + r.command.length <= screen;
      lines.push(besideNote ? `${head}${first.padEnd(noteWidth)}  ${r.command}` : `${head}${first}`);
      for (const line of more) lines.push(`${indent}${line}`);
      if (!besideNote) lines.push(commandLine(r.command, noteAt, screen));
    } else {
      // Too narrow for three columns: the note, then the command on a line below it.
      const room = Math.max(MIN_NOTE_COLUMN, screen - noteAt);
      wrapWords(note, room).forEach((line, i) => lines.push(`${i === 0 ? head : indent}${line}`));
      if (r.note) lines.push(commandLine(r.command, noteAt, screen));
    }
  }
  lines.push('', 'Commands (prefix : to type one):');
  for (const c of commands) {
    const head = `  ${c.usage}  -  `;
    const room = screen - head.length;
    if (room >= MIN_NOTE_COLUMN) {
      const [first = '', ...more] = wrapWords(c.summary, room);
      lines.push(`${head}${first}`);
      for (const line of more) lines.push(`${' '.repeat(head.length)}${line}`);
    } else {
      lines.push(`  ${c.usage}`);
      for (const line of wrapWords(c.summary, Math.max(MIN_NOTE_COLUMN, screen - CONTINUED.length))) lines.push(`${CONTINUED}${line}`);
    }
  }
  return lines;
}

/** A command on a line of its own, under the notes, or further left if that is what keeps it whole. */
function commandLine(command: string, indent: number, screen: number): string {
  return `${' '.repeat(Math.max(0, Math.min(indent, screen - command.length)))}${command}`;
}

/** `text` in lines of at most `width` characters, broken between words (a longer word alone is cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
      line = '';
    }
    if (!rest) continue;
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
