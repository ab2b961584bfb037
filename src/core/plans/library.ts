import { excerpt, normalizeText, parseText, rawText } from '../base/cells.js';
import { normalizeHeader, headerRow } from '../base/bilingual.js';
import type { ContentType } from './config.js';
import { locateColumns } from '../base/columns.js';
import type { Tier } from '../rules/types.js';
import { sheetRowOf, type CellValue, type Table } from '../base/table.js';

/**
 * The 内容库 (content library) sheet the operator fills: one row per item.
 * An item's identity is its title — "no repeats" means no title twice to the
 * same tier inside the plan window.
 */
export interface ContentItem {
  /** Sheet row (1 = header). */
  row: number;
  title: string;
  /** The content type as configured, when the 类型 cell names one. */
  type?: ContentType;
  /** The 类型 cell as written. */
  typeText: string;
  /** Activity tier ids this item may go to. */
  tiers: string[];
  channel: string;
  link: string;
  owner: string;
}

export interface LibraryProblem {
  row: number;
  title: string;
  /** Chinese / English. */
  message: string;
}

export interface ContentLibrary {
  items: ContentItem[];
  problems: LibraryProblem[];
}

export const LIBRARY_COLUMNS = {
  title: { zh: '标题', en: 'Title', also: ['内容', '内容标题', '名称', 'Content', 'Name'] },
  type: { zh: '类型', en: 'Type', also: ['内容类型', 'Content type'] },
  tiers: { zh: '目标层级', en: 'Target tiers', also: ['层级', '目标', '适用层级', 'Tiers', 'Target', 'Audience'] },
  channel: { zh: '渠道', en: 'Channel', also: ['发布渠道', '推送渠道'] },
  link: { zh: '链接', en: 'Link', also: ['网址', 'URL'] },
  owner: { zh: '负责人', en: 'Owner', also: ['作者', '提供人', 'Author'] },
  status: { zh: '状态', en: 'Status', also: ['启用', 'Active'] },
} as const;

export type LibraryField = keyof typeof LIBRARY_COLUMNS;

/** The header a new, empty library sheet would have (the sample writes it too). */
export function libraryHeader(locale: 'zh' | 'en'): string[] {
  return headerRow(LIBRARY_COLUMNS, locale, ['title', 'type', 'tiers', 'channel', 'link', 'owner']);
}

const OFF_WORDS = new Set(['停用', '下架', '暂停', '作废', '否', 'no', 'off', 'inactive', 'disabled', 'false', '0']);
const ALL_WORDS = new Set(['全部', '所有', '全体', '所有层级', 'all', 'everyone', '*']);

/** Tier names as operators write them: 核心成员 / 核心 / Core member / core. */
export function tierLookup(tiers: Tier[]): (text: string) => string | undefined {
  const map = new Map<string, string>();
  for (const t of tiers) {
    for (const name of [t.id, t.zh, t.en, t.zh.replace(/成员$/, ''), t.en.replace(/\s*member$/i, '')]) map.set(normalizeHeader(name), t.id);
  }
  return (text) => map.get(normalizeHeader(text));
}

export function typeLookup(types: ContentType[]): (text: string) => ContentType | undefined {
  const map = new Map<string, ContentType>();
  for (const t of types) for (const name of [t.id, t.zh, t.en, ...(t.aliases ?? [])]) map.set(normalizeHeader(name), t);
  return (text) => map.get(normalizeHeader(text));
}

const text = (c: CellValue | undefined): string => {
  const p = parseText(c ?? null);
  // Written back as the operator wrote it; parseText only decides whether the cell says anything.
  return p.kind === 'value' ? rawText(c) : '';
};

export function parseContentLibrary(table: Table | undefined, types: ContentType[], tiers: Tier[]): ContentLibrary {
  const items: ContentItem[] = [];
  const problems: LibraryProblem[] = [];
  if (!table) return { items, problems };
  const col = locateColumns(table.header, LIBRARY_COLUMNS);
  if (col.title < 0) {
    problems.push({ row: 1, title: '', message: '内容库缺少「标题」列 / The content library has no "Title" column' });
    return { items, problems };
  }
  const findTier = tierLookup(tiers);
  const findType = typeLookup(types);
  const seen = new Map<string, number>();
  table.rows.forEach((cells, index) => {
    const row = sheetRowOf(index);
    const get = (f: LibraryField) => (col[f] < 0 ? '' : text(cells[col[f]]));
    const title = get('title');
    if (!title) {
      if (cells.some((c) => text(c) !== '')) problems.push({ row, title: '', message: '缺少标题，本行未使用 / No title; row not used' });
      return;
    }
    if (OFF_WORDS.has(normalizeText(get('status')).toLowerCase())) return;
    const first = seen.get(title);
    if (first !== undefined) {
      problems.push({ row, title, message: `标题与第 ${first} 行重复，本行未使用 / Same title as row ${first}; row not used` });
      return;
    }
    seen.set(title, row);
    const typeText = get('type');
    const type = typeText ? findType(typeText) : undefined;
    const tierText = get('tiers');
    let itemTiers: string[] = [];
    if (tierText) {
      // English names have spaces (Core member): split on spaces only where a part is not a name as a whole.
      const parts = tierText
        .split(/[,，、/;；|\n]+/)
        .map((p) => p.trim())
        .filter(Boolean)
        .flatMap((p) => (findTier(p) || ALL_WORDS.has(p.toLowerCase()) ? [p] : p.split(/\s+/)));
      const unknown: string[] = [];
      for (const p of parts) {
        if (ALL_WORDS.has(p.toLowerCase())) itemTiers.push(...tiers.map((t) => t.id));
        else {
          const id = findTier(p);
          if (id) itemTiers.push(id);
          else unknown.push(p);
        }
      }
      if (unknown.length) problems.push({ row, title, message: `未知层级「${excerpt(unknown.join('、'))}」，已忽略 / Unknown tier "${excerpt(unknown.join(', '))}"; ignored` });
      itemTiers = tiers.map((t) => t.id).filter((id) => itemTiers.includes(id));
    }
    if (itemTiers.length === 0 && type) itemTiers = [...type.tiers];
    if (itemTiers.length === 0) {
      problems.push({
        row,
        title,
        message: typeText && !type
          ? `未知类型「${excerpt(typeText)}」且未写目标层级，本行未使用 / Unknown type "${excerpt(typeText)}" and no target tiers; row not used`
          : '未写类型或目标层级，本行未使用 / No type or target tiers; row not used',
      });
      return;
    }
    if (typeText && !type) problems.push({ row, title, message: `未知类型「${excerpt(typeText)}」，按所写目标层级使用 / Unknown type "${excerpt(typeText)}"; used for the tiers given` });
    items.push({ row, title, type, typeText, tiers: itemTiers, channel: get('channel'), link: get('link'), owner: get('owner') });
  });
  return { items, problems };
}
