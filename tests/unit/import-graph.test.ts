// Nothing imports upward: the modules of src/ form no import cycle (type-only imports count too,
// since a cycle of types is a cycle of design). Commands run against a context interface
// (app-types.ts CommandContext), never against App, so dispatch and its helpers need not import
// app.ts, and only App runs dispatch.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/** Every relative import or re-export (`from './x.js'`, `import('./x.js')`) of each .ts file, as paths. */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  walk(SRC);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
    const name = (specifier: string) => relative(SRC, resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    graph.set(relative(SRC, file), [...new Set(specifiers.map(name))]);
  }
  return graph;
}

/** One cycle (a path that comes back to its start), or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = graph.has(next) ? visit(next) : undefined;
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('is read (the walker finds the modules and their imports)', () => {
    expect(graph.get('app/app.ts')).toContain('app/dispatch.ts');
    expect(graph.size).toBeGreaterThan(50);
  });

  it('has no cycle', () => {
    expect(findCycle(graph)?.join(' -> ')).toBeUndefined();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const cyclic = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']]]);
    expect(findCycle(cyclic)).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
  });

  it('lets only App run dispatch, and keeps the commands off app.ts', () => {
    const importers = (target: string) => [...graph].filter(([, deps]) => deps.includes(target)).map(([file]) => file);
    expect(importers('app/dispatch.ts')).toEqual(['app/app.ts']);
    for (const command of ['app/dispatch.ts', 'app/copy-mode-commands.ts', 'app/window-commands.ts', 'app/dispatch-info.ts', 'app/command-context.ts']) {
      expect(graph.get(command)).not.toContain('app/app.ts');
    }
  });
});
