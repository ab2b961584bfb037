import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';

import type { Locale } from '../../core/base/locale.js';

export type { Locale };
export type { MessageKey };

export const CATALOGS: Record<Locale, Record<MessageKey, string>> = { zh, en };

let current: Locale = 'zh';

export function setLocale(locale: Locale): void {
  current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}

export function getLocale(): Locale {
  return current;
}

/** The message for `key` in the current language, `{name}` filled from `vars`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = CATALOGS[current][key] ?? CATALOGS.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
