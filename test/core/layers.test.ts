import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shape of src/core, checked on the real source: every folder imports
 * only folders below it (so the folders read in the order of the pass), the
 * folder graph has no cycle, and core imports nothing outside itself but
 * json-rules-engine.
 */
const CORE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/core');

/** Bottom to top: a folder may import its own files and folders listed before it. */
const LAYERS = [
  ['base', 'budget'],
  ['names'],
  ['facts'],
  ['rules'],
  ['rule-store', 'tiering'],
  ['dynamics', 'admins', 'plans', 'points'],
  ['dashboard', 'sql'],
  ['run'],
];

interface Edge {
  from: string;
  to: string;
  file: string;
  spec: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : n.endsWith('.ts') ? [p] : [];
  });
}

function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const folderOf = (file: string): string => relative(CORE, file).split(sep)[0];

function scan(): { edges: Edge[]; outside: Array<{ file: string; spec: string }> } {
  const edges: Edge[] = [];
  const outside: Array<{ file: string; spec: string }> = [];
  for (const file of sourceFiles(CORE)) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const target = spec.startsWith('.') ? resolve(dirname(file), spec) : undefined;
      if (!target || !target.startsWith(CORE + sep)) {
        if (spec !== 'json-rules-engine') outside.push({ file: relative(CORE, file), spec });
        continue;
      }
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to) edges.push({ from, to, file: relative(CORE, file), spec });
    }
  }
  return { edges, outside };
}

/** One cycle of the folder graph as a path a → … → a, if there is one. */
export function findCycle(edges: Array<{ from: string; to: string }>): string[] | undefined {
  const next = new Map<string, Set<string>>();
  for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
    state.set(n, 'open');
    path.push(n);
    for (const m of next.get(n) ?? []) {
      const found = visit(m);
      if (found) return found;
    }
    path.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of next.keys()) {
    const found = visit(n);
    if (found) return found;
  }
  return undefined;
}

describe('src/core layout', () => {
  const { edges, outside } = scan();

  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.from === 'run' && e.to === 'base')).toBe(true);
  });

  it('imports nothing outside src/core except json-rules-engine', () => {
    expect(outside).toEqual([]);
  });

  it('has no cycle between its folders', () => {
    expect(findCycle(edges)).toBeUndefined();
  });

  it('has every folder in a layer, importing only folders of lower layers (or its own layer, acyclically)', () => {
    const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));
    const folders = new Set(readdirSync(CORE).filter((n) => statSync(join(CORE, n)).isDirectory()));
    expect([...folders].filter((f) => !rank.has(f))).toEqual([]);
    expect(readdirSync(CORE).filter((n) => !folders.has(n))).toEqual([]);
    const upward = edges.filter((e) => rank.get(e.to)! > rank.get(e.from)!).map((e) => `${e.file} → ${e.spec}`);
    expect(upward).toEqual([]);
  });

  it('detects a cycle when there is one (the check itself can fail)', () => {
    expect(findCycle([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'c', to: 'a' }])).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle([{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'b', to: 'c' }])).toBeUndefined();
  });
});
