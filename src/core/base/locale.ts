/** The two languages every word a user sees is written in: Chinese first, English second. */
export type Locale = 'zh' | 'en';

/** `zh / en` (or `en / zh`) for messages that must read in both languages. */
export function both(zh: string, en: string, locale: Locale = 'zh'): string {
  return locale === 'zh' ? `${zh} / ${en}` : `${en} / ${zh}`;
}

/** One language, for headers and cells. */
export function say(locale: Locale, zh: string, en: string): string {
  return locale === 'zh' ? zh : en;
}
