// The program a separate node process runs to evaluate one JavaScript rc file, so that nothing
// the file does (throw, hang, exit, exhaust memory, export a function) can reach tmx. It is
// source text, not a module file, so the same code runs from src/ under the tests and from
// dist/ when installed: `node --input-type=module -e SOURCE FILE`.
//
// It imports FILE, awaits its default export (module.exports for CommonJS), copies out plain
// data only, walking it defensively (a getter or proxy trap may throw; a value may be a
// function, a cycle, a Date), and writes exactly one JSON line to file descriptor 3:
//   {"ok": DATA}  or  {"error": {"path": "keys.prefix", "message": "...", "line": 3, "column": 7}}
// Descriptor 3 rather than stdout, so whatever the file prints cannot corrupt the answer.
// Everything the walk uses is captured before the file runs, so a file that replaces
// JSON.stringify or Object.keys cannot confuse it.

/** File descriptor the child writes its one-line answer to (stdio[3] of the spawn). */
export const RESULT_FD = 3;

/** Deeper than any sensible rc file; stops runaway nesting before the stack does. */
export const MAX_DEPTH = 64;

/** Node's exit status when the main module's top-level await never settles. */
export const UNSETTLED_TOP_LEVEL_AWAIT = 13;

export const JS_RC_CHILD_SOURCE = String.raw`
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const RESULT_FD = ${RESULT_FD};
const MAX_DEPTH = ${MAX_DEPTH};
const file = process.argv[1];
const stringify = JSON.stringify;
const getPrototypeOf = Object.getPrototypeOf;
const ownKeys = Reflect.ownKeys;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const isArray = Array.isArray;
const defineProperty = Object.defineProperty;
const createObject = Object.create;
const isFinite = Number.isFinite;
const ObjectPrototype = Object.prototype;
const ArrayPrototype = Array.prototype;
const PromisePrototype = Promise.prototype;
const realExit = process.reallyExit ? (code) => process.reallyExit(code) : process.exit.bind(process);
const bufferFrom = Buffer.from;
let answered = false;

/** A mapping with no prototype, so a toJSON the file put on Object.prototype is never called. */
function bare(fields) {
  const out = createObject(null);
  const keys = ownKeys(fields);
  for (let i = 0; i < keys.length; i++) defineProperty(out, keys[i], { value: fields[keys[i]], enumerable: true });
  return out;
}

function send(message) {
  if (answered) return;
  answered = true;
  let bytes;
  try {
    bytes = bufferFrom(stringify(message) + '\n');
  } catch (e) {
    bytes = bufferFrom('{"error":{"path":"","message":"its value could not be turned into JSON"}}\n');
  }
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(RESULT_FD, bytes, written);
    } catch (e) {
      if (e && e.code === 'EAGAIN') continue;
      break;
    }
  }
  realExit(0);
}

function fail(path, message, at) {
  send(bare({ error: bare({ path, message, ...(at ?? {}) }) }));
}

function messageOf(e) {
  try {
    const text = e instanceof Error ? String(e.message) : String(e);
    return text.split('\n')[0].slice(0, 300);
  } catch {
    return 'an error that cannot be shown';
  }
}

/** Where in FILE the error was raised, from its stack ("/f.cjs:2:7" or "file:///f.mjs:2:7"). */
function locationOf(e) {
  try {
    const stack = String(e && e.stack);
    const url = pathToFileURL(file).href;
    for (const prefix of [url, file]) {
      const start = stack.indexOf(prefix + ':');
      if (start < 0) continue;
      const match = /^:(\d+)(?::(\d+))?/.exec(stack.slice(start + prefix.length));
      if (match) return { line: Number(match[1]), ...(match[2] ? { column: Number(match[2]) } : {}) };
    }
  } catch {}
  return undefined;
}

function describeThrow(e, what) {
  if (e instanceof SyntaxError && !locationOf(e)) {
    return fail('', 'JavaScript syntax error: ' + messageOf(e) + ' ("node --check ' + file + '" shows where)');
  }
  const syntax = e instanceof SyntaxError ? 'JavaScript syntax error: ' : what + ': ';
  fail('', syntax + messageOf(e), locationOf(e));
}

process.exit = (code) => {
  fail('', 'called process.exit(' + (typeof code === 'number' ? code : '') + ') while loading');
};
process.on('uncaughtException', (e) => describeThrow(e, 'threw an error'));
process.on('unhandledRejection', (e) => describeThrow(e, 'a promise was rejected and nothing caught it'));

function join(base, key) {
  if (typeof key === 'number') return base + '[' + key + ']';
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return base === '' ? key : base + '.' + key;
  return base + '[' + stringify(key) + ']';
}

function kindOf(value) {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return 'a BigInt (write it as a number)';
  if (typeof value === 'undefined') return 'undefined';
  let proto;
  try {
    proto = getPrototypeOf(value);
  } catch {
    return 'an object that cannot be inspected';
  }
  if (proto === PromisePrototype) return 'a Promise (await it before exporting)';
  if (value instanceof RegExp) return 'a RegExp (write the pattern as a string)';
  try {
    const name = proto && proto.constructor && proto.constructor.name;
    if (typeof name === 'string' && name !== '') return 'a ' + name;
  } catch {}
  return 'an object with a prototype';
}

const NOT_DATA = '; an rc file can only hold data: strings, numbers, true/false, null, lists and mappings';

/** A plain copy of value, or a thrown {path, message}. */
function copy(value, path, ancestors) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!isFinite(value)) throw { path, message: 'is ' + value + ', not a finite number' };
    return value;
  }
  if (typeof value !== 'object') throw { path, message: 'is ' + kindOf(value) + NOT_DATA };
  const depth = ancestors.length;
  if (depth >= MAX_DEPTH) throw { path, message: 'is nested deeper than ' + MAX_DEPTH + ' levels' };
  for (let i = 0; i < depth; i++) {
    if (ancestors[i] === value) throw { path, message: 'refers back to ' + (i === 0 ? 'the whole configuration' : 'one of its parents') + ' (a cycle)' };
  }
  let proto;
  let array;
  try {
    proto = getPrototypeOf(value);
    array = isArray(value);
  } catch (e) {
    throw { path, message: 'could not be inspected: ' + messageOf(e) };
  }
  if (array ? proto !== ArrayPrototype : proto !== ObjectPrototype && proto !== null) {
    throw { path, message: 'is ' + kindOf(value) + NOT_DATA };
  }
  // Plain loops and captured functions only: the file may have replaced Array.prototype methods.
  const inner = [];
  for (let i = 0; i < depth; i++) inner[i] = ancestors[i];
  inner[depth] = value;
  let keys;
  try {
    keys = ownKeys(value);
  } catch (e) {
    throw { path, message: 'its keys could not be listed: ' + messageOf(e) };
  }
  if (array) {
    const out = [];
    let length;
    try {
      length = value.length;
    } catch (e) {
      throw { path, message: 'its length could not be read: ' + messageOf(e) };
    }
    for (let i = 0; i < length; i++) {
      const itemPath = join(path, i);
      let item;
      try {
        item = value[i];
      } catch (e) {
        throw { path: itemPath, message: 'a getter threw: ' + messageOf(e) };
      }
      if (item === undefined) throw { path: itemPath, message: 'is undefined (a hole in the list?)' };
      out[i] = copy(item, itemPath, inner);
    }
    return out;
  }
  // No prototype: nothing the file put on Object.prototype (a toJSON, say) reaches the answer.
  const out = createObject(null);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (typeof key !== 'string') continue;
    const keyPath = join(path, key);
    let descriptor;
    try {
      descriptor = getOwnPropertyDescriptor(value, key);
    } catch (e) {
      throw { path: keyPath, message: 'could not be inspected: ' + messageOf(e) };
    }
    if (!descriptor || !descriptor.enumerable) continue;
    let item;
    try {
      item = value[key];
    } catch (e) {
      throw { path: keyPath, message: 'a getter threw: ' + messageOf(e) };
    }
    // As JSON.stringify: a key whose value is undefined is left out.
    if (item === undefined) continue;
    defineProperty(out, key, { value: copy(item, keyPath, inner), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

let namespace;
try {
  namespace = await import(pathToFileURL(file).href);
} catch (e) {
  describeThrow(e, 'threw an error while loading');
}
if (!answered) {
  let value = namespace.default;
  if (value === undefined) {
    fail('', 'exports no configuration: end it with "export default { ... }" (ES module) or "module.exports = { ... }" (CommonJS)');
  } else {
    try {
      value = await value;
    } catch (e) {
      fail('', 'its export is a promise that was rejected: ' + messageOf(e), locationOf(e));
    }
    if (!answered) {
      try {
        send(bare({ ok: copy(value, '', []) }));
      } catch (e) {
        if (e && typeof e.path === 'string') fail(e.path, e.message);
        else fail('', 'its value could not be copied: ' + messageOf(e));
      }
    }
  }
}
`;
