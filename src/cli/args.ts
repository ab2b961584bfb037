import { parseArgs } from 'node:util';
import { FencengError } from '../app/errors.js';
import type { EngineName } from '../core/rules/rule-engine.js';

/** Options every command understands. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  rules: { type: 'string' },
  tz: { type: 'string' },
  now: { type: 'string' },
  lang: { type: 'string' },
  encoding: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parse<T extends OptionSpec = {}>(argv: string[], extra?: T) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...(extra ?? ({} as T)) }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new FencengError('usage', `参数有误：${(e as Error).message} / Bad arguments: ${(e as Error).message}`);
  }
}

/** `--now 2026-11-26` or `--now 2026-11-26T10:00:00+08:00`, for reproducible runs; else the clock. */
export function nowFrom(value: string | undefined): Date {
  if (!value) return process.env.FENCENG_NOW ? nowFrom(process.env.FENCENG_NOW) : new Date();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00+08:00` : value);
  if (Number.isNaN(d.getTime())) throw new FencengError('usage', `--now 不是有效时间：${value} / --now is not a valid time: ${value}`);
  return d;
}

/** `--lang zh|en` (zh-CN, en_US … too), else FENCENG_LANG, else Chinese; any other language is refused, not ignored. */
export function localeFrom(value: string | undefined): 'zh' | 'en' {
  const from = value !== undefined ? '--lang' : 'FENCENG_LANG';
  const v = (value ?? process.env.FENCENG_LANG ?? 'zh').trim().toLowerCase();
  if (/^en(?:[-_].*)?$/.test(v)) return 'en';
  if (/^zh(?:[-_].*)?$/.test(v) || v === '') return 'zh';
  throw new FencengError('usage', `${from} 只支持 zh（中文）或 en（英文），不支持「${v}」 / ${from} supports zh (Chinese) or en (English), not "${v}"`);
}

/** `--engine compiled` (the default; `js` says the same) or `--engine json-rules-engine`, the reference engine. `duckdb` is routed before this. */
export function engineFrom(value: string | undefined): EngineName {
  if (value === undefined || value === 'compiled' || value === 'js') return 'compiled';
  if (value === 'json-rules-engine') return value;
  throw new FencengError('usage', `--engine 只能是 compiled、json-rules-engine 或 duckdb，现为「${value}」 / --engine must be compiled, json-rules-engine or duckdb, got "${value}"`);
}
