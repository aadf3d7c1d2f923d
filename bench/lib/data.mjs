// Deterministic input files: text lines of words, half of them (every other line) dressed
// in 256-colour and 24-bit SGR. Generated once into a cache dir keyed by DATA_VERSION.
import { existsSync, mkdirSync, openSync, closeSync, writeSync, statSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { seededRandom } from './random.mjs';

/** Bump when the generator changes, so cached files are rebuilt. */
const DATA_VERSION = 1;
export const MiB = 1024 * 1024;

// Words use only [a-z0-9.,] so the echo-latency probe characters (punctuation) never
// appear in flood output.
const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et ' +
  'dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea ' +
  'commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur ' +
  'excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum ' +
  'build test deploy 2048 0x7f3a 1.25 3.14159 src/app/app.ts node_modules error warning info debug'
).split(' ');

function plainLine(rand, n) {
  const target = 20 + Math.floor(rand() * 90); // 20..109 columns: fits 120, some wrap in half-width panes
  let line = `${String(n).padStart(7, '0')} `;
  while (line.length < target) line += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  return line.slice(0, target);
}

function colourLine(rand, n) {
  const words = plainLine(rand, n).split(' ');
  let out = '';
  for (const word of words) {
    const r = rand();
    if (r < 0.3) out += `\x1b[38;5;${Math.floor(rand() * 256)}m${word}`;
    else if (r < 0.55) out += `\x1b[38;2;${Math.floor(rand() * 256)};${Math.floor(rand() * 256)};${Math.floor(rand() * 256)}m${word}`;
    else if (r < 0.65) out += `\x1b[1;48;5;${Math.floor(rand() * 256)}m${word}\x1b[22;49m`;
    else if (r < 0.72) out += `\x1b[48;2;${Math.floor(rand() * 256)};${Math.floor(rand() * 256)};${Math.floor(rand() * 256)}m${word}\x1b[49m`;
    else out += word;
    out += ' ';
  }
  return `${out.trimEnd()}\x1b[0m`;
}

function generate(path, bytes, coloured, seed) {
  const rand = seededRandom(seed);
  const tmp = `${path}.tmp${process.pid}`;
  const fd = openSync(tmp, 'w');
  let written = 0;
  let n = 0;
  let chunk = '';
  try {
    while (written + chunk.length < bytes) {
      const line = (coloured && n % 2 === 1 ? colourLine(rand, n) : plainLine(rand, n)) + '\n';
      n++;
      if (written + chunk.length + line.length > bytes) break;
      chunk += line;
      if (chunk.length > 1 << 20) {
        written += writeSync(fd, chunk, null, 'latin1');
        chunk = '';
      }
    }
    // Pad the last line so the file is exactly `bytes` long.
    const rest = bytes - written - chunk.length;
    if (rest > 0) chunk += `${'.'.repeat(Math.max(0, rest - 1))}\n`.slice(-rest);
    written += writeSync(fd, chunk, null, 'latin1');
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Returns paths of the bench inputs, generating any that are missing. */
export function ensureData() {
  const dir = join(tmpdir(), `tmx-bench-data-v${DATA_VERSION}`);
  mkdirSync(dir, { recursive: true });
  const specs = {
    colour: { bytes: 20 * MiB, coloured: true, seed: 1 },
    ascii: { bytes: 20 * MiB, coloured: false, seed: 2 },
    quarter: { bytes: 5 * MiB, coloured: true, seed: 3 },
  };
  const files = {};
  for (const [name, spec] of Object.entries(specs)) {
    const path = join(dir, `${name}.txt`);
    if (!existsSync(path) || statSync(path).size !== spec.bytes) generate(path, spec.bytes, spec.coloured, spec.seed);
    files[name] = { path, bytes: spec.bytes };
  }
  return { dir, files };
}
