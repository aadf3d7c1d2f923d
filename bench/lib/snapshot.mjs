// A frozen copy of the built tmx (dist/, bin/, config/, package.json; node_modules linked), so every
// run of a bench measures the same build even while someone rebuilds dist/ in the work tree.
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function snapshotBuild(repo) {
  if (!existsSync(join(repo, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first (npm run bench does)');
  const dir = mkdtempSync(join(tmpdir(), 'tmx-bench-build-'));
  for (const entry of ['dist', 'bin', 'config', 'package.json']) {
    if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return { dir, bin: join(dir, 'bin/tmx.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
