import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/sidebar/i18n/en.js';
import { zh } from '../../src/sidebar/i18n/zh.js';

const SIDEBAR = resolve(import.meta.dirname, '../../src/sidebar');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('sidebar message catalogs', () => {
  it('have the same keys in Chinese and English', () => {
    const missingInEn = Object.keys(zh).filter((k) => !(k in en));
    const missingInZh = Object.keys(en).filter((k) => !(k in zh));
    expect({ missingInEn, missingInZh }).toEqual({ missingInEn: [], missingInZh: [] });
  });

  it('have no empty messages and the same {placeholders} in both languages', () => {
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), `zh ${key}`).not.toBe('');
      expect(en[key].trim(), `en ${key}`).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('cover every key the sidebar asks for', () => {
    const used = new Set<string>();
    for (const file of sources(SIDEBAR)) {
      const code = withoutComments(readFileSync(file, 'utf8'));
      for (const m of code.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]);
      // t(`tab.${v}`): every tab has its message.
      if (/t\(`tab\.\$\{v\}`\)/.test(code)) for (const v of ['rules', 'preview', 'versions', 'settings']) used.add(`tab.${v}`);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !(k in zh))).toEqual([]);
  });

  it('are the only place sidebar code writes Chinese text (fact and operator names come from the core catalogs)', () => {
    const offenders: string[] = [];
    for (const file of sources(SIDEBAR)) {
      const code = withoutComments(readFileSync(file, 'utf8'));
      code.split('\n').forEach((line, i) => /[\u4e00-\u9fff]/.test(line) && offenders.push(`${relative(SIDEBAR, file)}:${i + 1}: ${line.trim()}`));
    }
    expect(offenders).toEqual([]);
  });
});
