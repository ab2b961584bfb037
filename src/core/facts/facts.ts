/**
 * The facts rules can use: canonical ones read from the members sheet and
 * derived ones computed from them. Defined once here; rules, validation,
 * explanations and the sidebar all read this catalog.
 */
export type FactType = 'number' | 'date' | 'text';

export interface FactInfo {
  type: FactType;
  zh: string;
  en: string;
  /** Shown after the value in explanations, e.g. 最近活跃 2 天前. */
  unit?: { zh: string; en: string };
}

export const SHEET_FACTS = {
  memberId: { type: 'text', zh: '成员ID', en: 'Member ID' },
  nickname: { type: 'text', zh: '昵称', en: 'Nickname' },
  douyinId: { type: 'text', zh: '抖音号', en: 'Douyin ID' },
  joinedAt: { type: 'date', zh: '入群日期', en: 'Joined' },
  lastActiveAt: { type: 'date', zh: '最近活跃', en: 'Last active' },
  comments30d: { type: 'number', zh: '近30天评论', en: 'Comments (30d)' },
  likes30d: { type: 'number', zh: '近30天点赞', en: 'Likes (30d)' },
  shares30d: { type: 'number', zh: '近30天转发', en: 'Shares (30d)' },
  posts30d: { type: 'number', zh: '近30天发布', en: 'Posts (30d)' },
  likesReceived30d: { type: 'number', zh: '近30天获赞', en: 'Likes received (30d)' },
  liveMinutes30d: { type: 'number', zh: '直播观看分钟', en: 'Live minutes (30d)' },
} as const satisfies Record<string, FactInfo>;

export type SheetFactId = keyof typeof SHEET_FACTS;

/** Facts computed from sheet facts (see `deriveFacts`); `from` lists what each is made of. */
export const DERIVED_FACTS = {
  daysSinceActive: { type: 'number', zh: '最近活跃', en: 'Last active', unit: { zh: ' 天前', en: ' days ago' }, from: ['lastActiveAt'] },
  daysInCommunity: { type: 'number', zh: '入群天数', en: 'Days in community', unit: { zh: ' 天', en: ' days' }, from: ['joinedAt'] },
  interactions30d: { type: 'number', zh: '近30天互动（评论+点赞+转发）', en: 'Interactions (30d: comments+likes+shares)', from: ['comments30d', 'likes30d', 'shares30d'] },
} as const satisfies Record<string, FactInfo & { from: readonly SheetFactId[] }>;

export type DerivedFactId = keyof typeof DERIVED_FACTS;

/** The sheet facts a fact is read from: itself, or what a derived fact is made of; none for an unknown id. */
export function sheetFactsOf(id: string): readonly SheetFactId[] {
  if (Object.prototype.hasOwnProperty.call(SHEET_FACTS, id)) return [id as SheetFactId];
  if (Object.prototype.hasOwnProperty.call(DERIVED_FACTS, id)) return DERIVED_FACTS[id as DerivedFactId].from;
  return [];
}
export type FactId = SheetFactId | DerivedFactId;

export const ALL_FACTS: Record<FactId, FactInfo> = { ...SHEET_FACTS, ...DERIVED_FACTS };

export function isFactId(id: string): id is FactId {
  return Object.prototype.hasOwnProperty.call(ALL_FACTS, id);
}

/** Fact values as rules see them: numbers, civil days for dates, strings; null = missing. */
export type FactValues = Partial<Record<FactId, number | string | null>>;

/**
 * Adds the derived facts. `today` is a civil day. A derived fact is missing
 * when what it is made of is missing, so rules never act on invented zeros.
 */
export function deriveFacts(base: FactValues, today: number): FactValues {
  const num = (id: FactId) => (typeof base[id] === 'number' ? (base[id] as number) : null);
  const [lastActive] = DERIVED_FACTS.daysSinceActive.from.map(num);
  const [joined] = DERIVED_FACTS.daysInCommunity.from.map(num);
  const parts = DERIVED_FACTS.interactions30d.from.map(num);
  return {
    ...base,
    daysSinceActive: lastActive === null ? null : Math.max(0, today - lastActive),
    daysInCommunity: joined === null ? null : Math.max(0, today - joined),
    interactions30d: parts.every((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0),
  };
}
