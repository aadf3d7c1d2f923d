import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureData } from './lib/data.mjs';
import { Session, cleanupAll, sleep } from './lib/session.mjs';
import * as tc from './lib/trigger-cases.mjs';
const data = ensureData();
const counts = process.argv[2].split(',').map(Number);
const rounds = Number(process.argv[3] ?? 6);
const session = new Session('tmx', { data, tmxBin: '/tmp/inst/bin/tmx.js', homeFiles: { '.tmxrc.json': '{"triggers": []}\n' } });
const mainNs = (pid) => Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
async function stats() {
  try { writeFileSync('/tmp/inst-stats.json', ''); } catch {}
  process.kill(session.pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) { await sleep(10); const t = readFileSync('/tmp/inst-stats.json', 'utf8'); if (t) return JSON.parse(t); }
  throw new Error('no stats');
}
const rows = new Map(counts.map((c) => [c, []]));
try {
  await session.start();
  const command = `head -n ${tc.FLOOD_LINES} a.txt`;
  for (let r = -1; r < rounds; r++) {
    for (const count of counts) {
      writeFileSync(join(session.home, '.tmxrc.json'), tc.triggerRc(count) ?? '{"triggers": []}\n', { mode: 0o600 });
      session.tmxOutside('reload-config');
      await session.waitScreen((s) => s.includes('Loaded '), 15000, 'load', 10);
      if (count > 0) await tc.triggersLive(session);
      await sleep(2200);
      const a = await stats(); const m0 = mainNs(session.pid);
      const { ms } = await session.timedCommand(command, 60000);
      const m1 = mainNs(session.pid); const b = await stats();
      if (r < 0) continue;
      const d = {}; for (const k of Object.keys(b)) d[k] = b[k] - a[k];
      rows.get(count).push({ ms, main: m1 - m0, ...d });
    }
  }
  await session.stop();
} finally { session.forceCleanup(); }
const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[s.length >> 1]; };
for (const [count, rs] of rows) {
  const keys = ['ms', 'main', 'active', 'parse', 'observe', 'scan', 'scanNow', 'paint', 'parseN', 'scanN', 'scanNowN', 'paintN'];
  console.log(String(count).padStart(5), keys.map((k) => `${k} ${med(rs.map((r) => r[k])).toFixed(k.endsWith('N') ? 0 : 1)}`).join('  '));
}
