// CPU time of one statusLine() (built once per frame) with 10 windows and the default formats.
// Usage: node bench/status-line-cost.mjs [REPO_DIR]   (REPO_DIR's dist/, built; default: this repo)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..'));
const load = (path) => import(pathToFileURL(resolve(dir, 'dist', path)).href);
const { statusLine } = await load('app/status-line.js');
const { defaultOptions } = await load('config/options.js');
const windows = Array.from({ length: 10 }, (_, i) => ({ window_index: i, window_name: 'bash', window_flags: i === 3 ? '*' : '', window_active: i === 3 ? 1 : 0 }));
const source = { options: defaultOptions(), values: { session_name: 'work', pane_title: 'host' }, windows, time: new Date(), columns: 200 };
for (let i = 0; i < 2000; i++) statusLine(source);
const N = 20_000;
const before = process.cpuUsage();
for (let i = 0; i < N; i++) statusLine(source);
const used = process.cpuUsage(before);
console.log(`${dir}: ${((used.user + used.system) / N).toFixed(1)} µs CPU per statusLine (10 windows)`);
