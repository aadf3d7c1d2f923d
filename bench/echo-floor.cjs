#!/usr/bin/env node
// The echo floor: a "multiplexer" that does nothing at all but pass bytes, stdin -> pty and
// pty -> stdout, through the same runtime and libraries as tmx (Node, node-pty, streams).
// No emulator, no drawing. The bench measures its idle echo beside tmx's and tmux's: what no
// amount of work inside tmx can go below. C-b, then Enter, ends it: the bench stops tmx by
// typing C-b :kill-server Enter, and every key of that must still reach the outer terminal.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const pty = require(path.join(__dirname, '..', 'node_modules', 'node-pty'));

process.stdin.setRawMode(true);
const shell = pty.spawn(process.env.SHELL || '/bin/sh', [], {
  cols: process.stdout.columns,
  rows: process.stdout.rows,
  env: process.env,
  encoding: null,
});
let prefixed = false;
process.stdin.on('data', (data) => {
  if (data.includes(0x02)) prefixed = true;
  else if (prefixed && data.includes(0x0d)) process.exit(0);
  else send(shell._fd, data, (rest) => shell.write(rest));
});
shell.onData((data) => send(1, data, (rest) => process.stdout.write(rest)));

/** The fastest way Node has: a direct write; what the kernel doesn't take goes through the stream's queue. */
function send(fd, data, queue) {
  let written = 0;
  try {
    written = fs.writeSync(fd, data);
  } catch {
    written = 0; // EAGAIN
  }
  if (written < data.length) queue(data.subarray(written));
}
shell.onExit(() => process.exit(0));
