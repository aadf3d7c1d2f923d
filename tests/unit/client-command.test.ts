import { describe, expect, it } from 'vitest';
import { parseClientCommand } from '../../src/client/client-command.js';
import { parseCommand } from '../../src/commands/registry.js';

describe('the client parses its command as the registry does', () => {
  const lines = [
    ['new-session'], ['new', '-d', '-s', 'work'], ['new', '-ds', 'x', 'vim', 'a b'], ['new', '-x', '0'], ['new', '-s', 'a:b'],
    ['attach'], ['attach-session', '-t', 'work'], ['attach', '-x'], ['attach', 'extra'], ['a'], ['att', '-t', 'w'],
    ['ls'], ['kill-server'], ['send-keys', '-t', 'w', 'make', 'Enter'], ['nosuch'], ['kill-s'],
  ];
  for (const words of lines) {
    it(words.join(' '), async () => {
      expect(await parseClientCommand(words)).toEqual(parseCommand(words));
    });
  }
});
