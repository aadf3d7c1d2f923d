// src/config/load.ts builds cosmiconfig's internal Explorer class directly (the public factory
// reads a "meta config" from the cwd and may import JavaScript from it). An internal may move in
// any release, so cosmiconfig is pinned to an exact version, and this test says what broke if an
// upgrade moves or changes it.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const require = createRequire(join(REPO, 'src/config/load.ts'));
const INTERNAL = 'cosmiconfig/dist/Explorer.js';

const installed = (require('cosmiconfig/package.json') as { version: string }).version;
const pinned = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.cosmiconfig;
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
const moved = `cosmiconfig ${installed}: src/config/load.ts builds its internal Explorer (${INTERNAL}) directly; ` +
  'read its source for the new place and options, update load.ts, then pin the new version exactly';

type ExplorerClass = new (options: Record<string, unknown>) => { load(file: string): Promise<{ config: unknown } | null> };

describe('cosmiconfig, whose internal Explorer tmx uses', () => {
  it('is pinned to one exact version, the installed one, in package.json and package-lock.json', () => {
    expect(pinned, 'package.json must name an exact cosmiconfig version (npm install --save-exact)').toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed, `node_modules holds cosmiconfig ${installed} but package.json pins ${pinned}: run npm ci`).toBe(pinned);
    expect(lock.packages['']?.dependencies?.cosmiconfig, 'package-lock.json disagrees with package.json: npm install --save-exact').toBe(pinned);
    expect(lock.packages['node_modules/cosmiconfig']?.version).toBe(pinned);
  });

  it('still has Explorer where load.ts takes it, honouring the options load.ts gives', async () => {
    let internal: { Explorer?: unknown };
    try {
      internal = require(INTERNAL) as { Explorer?: unknown };
    } catch (error) {
      throw new Error(`${moved} (${(error as Error).message})`);
    }
    expect(typeof internal.Explorer, moved).toBe('function');
    const Explorer = internal.Explorer as ExplorerClass;
    const dir = mkdtempSync(join(tmpdir(), 'tmx-cosmiconfig-'));
    try {
      const file = join(dir, '.tmxrc.json');
      writeFileSync(file, '{"options": {"status": false}}');
      const read: string[] = [];
      const explorer = new Explorer({
        moduleName: 'tmx',
        searchPlaces: ['.tmxrc.json'],
        ignoreEmptySearchPlaces: true,
        cache: false,
        transform: (result: unknown) => result,
        loaders: { '.json': (path: string, content: string) => (read.push(path), JSON.parse(content)) },
        metaConfigFilePath: null,
        mergeImportArrays: true,
        mergeSearchPlaces: true,
        searchStrategy: 'none',
      });
      expect(typeof explorer.load, moved).toBe('function');
      // Files are read through tmx's loaders (they check trust), never cosmiconfig's own.
      expect(await explorer.load(file), moved).toEqual({ config: { options: { status: false } }, filepath: file });
      expect(read, moved).toEqual([file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
