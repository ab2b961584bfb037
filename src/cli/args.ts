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

export function localeFrom(value: string | undefined): 'zh' | 'en' {
  const v = value ?? process.env.FENCENG_LANG ?? '';
  return v.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** `--engine compiled` (the default) or `--engine json-rules-engine`, the reference engine. */
export function engineFrom(value: string | undefined): EngineName {
  if (value === undefined || value === 'compiled') return 'compiled';
  if (value === 'json-rules-engine') return value;
  throw new FencengError('usage', `--engine 只能是 compiled 或 json-rules-engine，现为「${value}」 / --engine must be compiled or json-rules-engine, got "${value}"`);
}
