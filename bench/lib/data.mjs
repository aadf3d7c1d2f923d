// Deterministic input files: text lines of words, half of them (every other line) dressed
// in 256-colour and 24-bit SGR. Generated once into a cache dir keyed by DATA_VERSION.
import { existsSync, mkdirSync, openSync, closeSync, writeSync, statSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { seededRandom } from './random.mjs';

/** Bump when the generator changes, so cached files are rebuilt. */
const DATA_VERSION = 1;
export const MiB = 1024 * 1024;
/** Bump when a shape's generator (below) changes. */
const SHAPES_VERSION = 1;

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

// ---- the shapes of output (issue 17): each a generator of lines, written as UTF-8 ----------

/** `seq`: a few bytes a line, so nearly every byte scrolls the screen (a log, a build). */
function* shortLines() {
  for (let n = 1; ; n++) yield `${n}\n`;
}

// CJK words (2 columns a character, 3 bytes in UTF-8) with some ASCII between them.
const CJK_WORDS = ['漢字', '日本語', '中文', '한국어', '東京都', '北京市', '서울', '終端機', '多路复用', '文字化け', '表示', '速度'];

/** Wide text: lines of CJK words and ASCII numbers, up to 110 columns (some wrap in half panes). */
function* wideLines(rand) {
  for (let n = 0; ; n++) {
    const target = 20 + Math.floor(rand() * 90);
    let line = `${String(n).padStart(7, '0')} `;
    let cols = line.length;
    while (cols < target) {
      const word = CJK_WORDS[Math.floor(rand() * CJK_WORDS.length)];
      line += `${word} `;
      cols += 2 * word.length + 1;
    }
    yield `${line.trimEnd()}\n`;
  }
}

/** The area a full-screen program redraws: fits the smallest pane the bench uses (118x38). */
const REDRAW_COLS = 100;
const REDRAW_ROWS = 36;

/**
 * A full-screen program (top, htop, a game) redrawing at a high rate: on the alternate screen,
 * every 10th frame a full redraw (each row addressed, coloured fields, erase to end of line),
 * the others 40 small updates at random places (cursor moves, a coloured number); it leaves
 * the alternate screen at the end, so the shell's marker shows on the normal one.
 */
function* redrawFrames(rand) {
  yield '\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J';
  for (let frame = 0; ; frame++) {
    let out = '';
    if (frame % 10 === 0) {
      for (let row = 1; row <= REDRAW_ROWS; row++) {
        out += `\x1b[${row};1H\x1b[3${row % 8}m${String(frame * 100 + row).padStart(8)}\x1b[0m `;
        let cols = 9;
        while (cols < REDRAW_COLS - 12) {
          const v = Math.floor(rand() * 100000);
          out += v % 3 === 0 ? `\x1b[1;38;5;${v % 256}m${String(v).padStart(6)}\x1b[0m ` : `${String(v).padStart(6)} `;
          cols += 7;
        }
        out += '\x1b[K';
      }
    } else {
      for (let k = 0; k < 40; k++) {
        const row = 1 + Math.floor(rand() * REDRAW_ROWS);
        const col = 1 + Math.floor(rand() * (REDRAW_COLS - 8));
        out += `\x1b[${row};${col}H\x1b[38;5;${Math.floor(rand() * 256)}m${String(Math.floor(rand() * 1e6)).padStart(7)}\x1b[0m`;
      }
    }
    yield out;
  }
}

/** Writes generated pieces (UTF-8), as many whole ones as fit in `bytes`, newlines to fill, then `ending`. */
function generatePieces(path, bytes, pieces, ending = '') {
  const tmp = `${path}.tmp${process.pid}`;
  const fd = openSync(tmp, 'w');
  const end = Buffer.from(ending, 'utf8');
  let written = 0;
  let chunk = [];
  let chunkBytes = 0;
  try {
    for (const piece of pieces) {
      const b = Buffer.from(piece, 'utf8');
      if (written + chunkBytes + b.length + end.length > bytes) break;
      chunk.push(b);
      chunkBytes += b.length;
      if (chunkBytes > 1 << 20) {
        written += writeSync(fd, Buffer.concat(chunk));
        chunk = [];
        chunkBytes = 0;
      }
    }
    const rest = bytes - written - chunkBytes - end.length;
    // Padding before the ending: on the alternate screen it scrolls nothing anyone sees later.
    chunk.push(Buffer.from('\n'.repeat(Math.max(0, rest))), end);
    writeSync(fd, Buffer.concat(chunk));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * The shapes' inputs (5 MiB each), file name -> how it is made. The session links each as its
 * first letter (s.txt, w.txt, r.txt), so typed commands stay short.
 */
const SHAPES = {
  short: { bytes: 5 * MiB, make: () => shortLines() },
  wide: { bytes: 5 * MiB, make: (rand) => wideLines(rand) },
  redraw: { bytes: 5 * MiB, make: (rand) => redrawFrames(rand), ending: '\x1b[?25h\x1b[?1049l' },
};

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
  for (const [name, spec] of Object.entries(SHAPES)) {
    const path = join(dir, `${name}-v${SHAPES_VERSION}.txt`);
    if (!existsSync(path) || statSync(path).size !== spec.bytes) generatePieces(path, spec.bytes, spec.make(seededRandom(name.length)), spec.ending);
    files[name] = { path, bytes: spec.bytes };
  }
  return { dir, files };
}
