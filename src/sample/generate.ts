/**
 * A seeded generator of a realistic, messy Douyin fan-group members sheet, for
 * demos, tests and benchmarks. Pure: no I/O, no Math.random, same options →
 * identical table.
 *
 * Population (probabilities per member):
 *   - 10% core: active within the last week, 20–200 comments, 200–999 likes,
 *     5–60 shares, usually a few posts, 100–900 live minutes;
 *   - 30% occasional: active 3–30 days ago, 0–15 comments, 5–150 likes,
 *     0–10 shares, rarely a post, 0–120 live minutes;
 *   - 60% silent: active 31–400 days ago (or never), counts at or near 0.
 *   - creators (~3% overall: 20% of core, 3.5% of occasional): 3–30 posts,
 *     1,000–80,000 likes received.
 *
 *   (A silent member who joined recently has last active = joined date.)
 *
 * Messiness (rates in the constants below):
 *   - counts ≥ 10,000 are shown as 1.2万 / 2.4w 30% of the time, counts in
 *     1,000–9,999 as 3.2k / 2,012 12% of the time; any count cell is, at 1.5%,
 *     padded (' 12 '), full-width ('１２'), numeric text ('12'), k / comma
 *     (≥ 1,000 only) or a placeholder ('—', '-', 'N/A', '');
 *   - 入群日期 / 最近活跃 are wall-clock Dates at midnight, or at 4% per cell
 *     '2025/3/29', '2025-03-29', '2025年3月29日' or an Excel serial (45745);
 *   - 0.5% stray all-null rows, 0.3% rows repeating an earlier 成员ID (with its
 *     昵称 and 抖音号), 0.3% rows with 成员ID null or '', and one or two count
 *     cells of unparseable text (很多 / 不清楚 / 好几个).
 */

import type { CellValue, Table } from '../core/table.js';
import { createRng, type Rng } from './random.js';

export const SAMPLE_SHEET = '成员';

export const SAMPLE_HEADER: readonly string[] = [
  '成员ID',
  '昵称',
  '抖音号',
  '入群日期',
  '最近活跃',
  '近30天评论',
  '近30天点赞',
  '近30天转发',
  '近30天发布',
  '近30天获赞',
  '直播观看分钟',
  '备注',
  '跟进状态',
];

const COL = {
  id: 0,
  nickname: 1,
  douyinId: 2,
  joined: 3,
  lastActive: 4,
  comments: 5,
  likes: 6,
  shares: 7,
  posts: 8,
  likesReceived: 9,
  liveMinutes: 10,
  note: 11,
  followUp: 12,
} as const;

const WIDTH = SAMPLE_HEADER.length;
const COUNT_COLUMNS: readonly number[] = [
  COL.comments,
  COL.likes,
  COL.shares,
  COL.posts,
  COL.likesReceived,
  COL.liveMinutes,
];

// ---- distribution -----------------------------------------------------------

const P_CORE = 0.1;
const P_OCCASIONAL = 0.3; // the rest (60%) is silent
const P_CREATOR_GIVEN_CORE = 0.2;
const P_CREATOR_GIVEN_OCCASIONAL = 0.035;
const P_NEVER_ACTIVE_GIVEN_SILENT = 0.03;
const JOIN_WINDOW_DAYS = 3 * 365;

// ---- messiness rates ----------------------------------------------------------

/** A stray all-null row before a member row. */
const P_BLANK_ROW = 0.005;
/** A member row repeating an earlier member's 成员ID (and nickname / 抖音号). */
const P_DUPLICATE_ID = 0.003;
/** A member row with an empty 成员ID (null or ''). */
const P_MISSING_ID = 0.003;
/** A count cell in one of the messy text forms (per cell). */
const P_MESSY_NUMBER = 0.015;
/** A count ≥ 10,000 shown the way Douyin abbreviates it (1.2万 / 2.4w). */
const P_WAN_GIVEN_LARGE = 0.3;
/** A count in 1,000–9,999 shown as 3.2k or 2,012. */
const P_THOUSANDS_GIVEN_LARGE = 0.12;
/** A date cell as text or Excel serial instead of a Date (per cell). */
const P_MESSY_DATE = 0.04;
const P_NOTE = 0.06;
const P_FOLLOW_UP = 0.2;

// ---- vocabulary ---------------------------------------------------------------

const NICK_PREFIX: readonly string[] = [
  '', '', '', '', '', '', '小', '阿', '大', '爱吃', '喜欢', '一只', '超级', '快乐的', '不吃', '会飞的', '今天也想',
];
const NICK_CORE: readonly string[] = [
  '小鹿', '阿杰', '糖糖', '橙子', '大白', '奶茶', '可乐', '柚子', '芒果', '豆豆', '乐乐', '桃子', '西瓜', '猫咪',
  '兔兔', '熊猫', '小雨', '晴天', '星星', '月亮', '团子', '丸子', '饺子', '米粒', '花卷', '布丁', '阿飞', '浩浩',
  '婷婷', '琳琳', '小美', '老王', '老李', '张姐', '刘哥', '甜甜', '果果', '嘟嘟', '菜菜', '小七', '十一', '木木',
];
const NICK_SUFFIX: readonly string[] = [
  '', '', '', '', '', '', '', '', '酱', '同学', '妈妈', '爸爸', '呀', '本人', '不加班', '的日常', '🍊', '✨', '🐱',
  '666', '520', '2024', '_', '~', '在路上', '爱生活',
];
const HANDLES: readonly string[] = [
  'xiaolu', 'ajie', 'tangtang', 'chengzi', 'dabai', 'naicha', 'kele', 'youzi', 'mango', 'doudou', 'lele', 'taozi',
  'xingxing', 'tuanzi', 'buding', 'momo', 'guoguo', 'duoduo', 'caicai', 'muzi',
];
const NOTES: readonly string[] = [
  '老粉', '品牌方同事', '需要回访', '已加微信', '线下活动认识', '团长', '投诉过物流', '潜在KOC', '换过号', '说过不喜欢私信',
];
const FOLLOW_UPS: readonly string[] = ['待跟进', '已联系', '勿打扰'];
const PLACEHOLDERS: readonly string[] = ['—', '-', 'N/A', ''];
const UNPARSEABLE: readonly string[] = ['很多', '不清楚', '好几个'];

// ---- helpers ------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01. */
const EXCEL_SERIAL_OF_EPOCH = 25_569;

function parseToday(today: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m) throw new RangeError(`today must be 'YYYY-MM-DD', got ${JSON.stringify(today)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`today is not a calendar date: ${today}`);
  }
  return t / MS_PER_DAY;
}

/** `1.2` from 1.2, `3` from 3.0 — one decimal, trailing `.0` dropped. */
function oneDecimal(x: number): string {
  const s = (Math.round(x * 10) / 10).toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function fullWidth(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** A count as the export shows it: mostly a number, sometimes one of the messy forms. */
function countCell(rng: Rng, n: number): CellValue {
  if (n >= 10_000 && rng.chance(P_WAN_GIVEN_LARGE)) {
    return oneDecimal(n / 10_000) + (rng.chance(0.5) ? '万' : 'w');
  }
  if (n >= 1000 && n < 10_000 && rng.chance(P_THOUSANDS_GIVEN_LARGE)) {
    return rng.chance(0.5) ? withThousands(n) : oneDecimal(n / 1000) + 'k';
  }
  if (!rng.chance(P_MESSY_NUMBER)) return n;
  const forms = n >= 1000 ? 7 : 5;
  switch (rng.int(0, forms - 1)) {
    case 0:
      return ` ${n} `;
    case 1:
      return fullWidth(String(n));
    case 2:
      return String(n);
    case 3:
    case 4:
      return rng.pick(PLACEHOLDERS);
    case 5:
      return withThousands(n);
    default:
      return oneDecimal(n / 1000) + 'k';
  }
}

/** A civil day as the export shows it: mostly a wall-clock Date, sometimes text or an Excel serial. */
function dateCell(rng: Rng, day: number): CellValue {
  if (!rng.chance(P_MESSY_DATE)) return new Date(day * MS_PER_DAY);
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  switch (rng.int(0, 3)) {
    case 0:
      return `${y}/${m}/${dd}`;
    case 1:
      return d.toISOString().slice(0, 10);
    case 2:
      return `${y}年${m}月${dd}日`;
    default:
      return day + EXCEL_SERIAL_OF_EPOCH;
  }
}

function nickname(rng: Rng): string {
  return rng.pick(NICK_PREFIX) + rng.pick(NICK_CORE) + rng.pick(NICK_SUFFIX);
}

function douyinId(rng: Rng): string {
  if (rng.chance(0.05)) return rng.pick(HANDLES) + (rng.chance(0.5) ? '_' : '') + rng.int(1, 9999);
  return 'dy' + rng.int(100_000_000, 99_999_999_999);
}

/** Integer in [lo, hi] skewed toward lo (square of a uniform). */
function skewed(rng: Rng, lo: number, hi: number): number {
  const u = rng.next();
  return lo + Math.floor(u * u * (hi - lo + 1));
}

/** Integer in [lo, hi], log-uniform (thousands as likely as tens of thousands). */
function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.min(hi, Math.floor(lo * Math.pow(hi / lo, rng.next())));
}

// ---- generator ----------------------------------------------------------------

export interface GenerateOptions {
  /** Number of member rows (blank rows come on top). */
  members: number;
  seed: number;
  /** The export date, 'YYYY-MM-DD'; no date in the sheet is later. */
  today: string;
}

export function generateMembersTable(opts: GenerateOptions): Table {
  const { members, seed } = opts;
  if (!Number.isInteger(members) || members < 0) {
    throw new RangeError(`members must be a non-negative integer, got ${members}`);
  }
  const today = parseToday(opts.today);
  const rng = createRng(seed);

  const rows: CellValue[][] = [];
  /** Data-row index of each member row whose 成员ID is set (for duplicates). */
  const idRows: number[] = [];
  /** Data-row index of every member row (for the unparseable cells). */
  const memberRows: number[] = [];

  let nextId = rng.int(100_000, 200_000);

  for (let i = 0; i < members; i++) {
    if (rng.chance(P_BLANK_ROW)) {
      rows.push(new Array<CellValue>(WIDTH).fill(null));
    }

    const row = new Array<CellValue>(WIDTH).fill(null);

    // identity
    const r = rng.next();
    if (idRows.length > 0 && r < P_DUPLICATE_ID) {
      const earlier = rows[rng.pick(idRows)];
      row[COL.id] = earlier[COL.id];
      row[COL.nickname] = earlier[COL.nickname];
      row[COL.douyinId] = earlier[COL.douyinId];
    } else {
      row[COL.id] = r < P_DUPLICATE_ID + P_MISSING_ID ? (rng.chance(0.7) ? null : '') : `M${nextId}`;
      nextId += rng.int(1, 5);
      row[COL.nickname] = nickname(rng);
      row[COL.douyinId] = douyinId(rng);
    }

    // tier
    const t = rng.next();
    const tier = t < P_CORE ? 0 : t < P_CORE + P_OCCASIONAL ? 1 : 2;
    const creator =
      (tier === 0 && rng.chance(P_CREATOR_GIVEN_CORE)) || (tier === 1 && rng.chance(P_CREATOR_GIVEN_OCCASIONAL));

    const joined = today - rng.int(0, JOIN_WINDOW_DAYS);
    let lastActive: number | null;
    let comments: number;
    let likes: number;
    let shares: number;
    let posts: number;
    let received: number;
    let live: number;
    if (tier === 0) {
      lastActive = today - rng.int(0, 6);
      comments = skewed(rng, 20, 200);
      likes = rng.int(200, 999);
      shares = skewed(rng, 5, 60);
      posts = rng.chance(0.6) ? rng.int(1, 8) : 0;
      received = posts > 0 ? posts * rng.int(5, 200) : rng.int(0, 50);
      live = rng.int(100, 900);
    } else if (tier === 1) {
      lastActive = today - rng.int(3, 30);
      comments = skewed(rng, 0, 15);
      likes = skewed(rng, 5, 150);
      shares = skewed(rng, 0, 10);
      posts = rng.chance(0.15) ? rng.int(1, 2) : 0;
      received = posts > 0 ? posts * rng.int(2, 60) : rng.int(0, 10);
      live = rng.chance(0.4) ? 0 : skewed(rng, 1, 120);
    } else {
      lastActive = rng.chance(P_NEVER_ACTIVE_GIVEN_SILENT) ? null : today - rng.int(31, 400);
      comments = rng.chance(0.9) ? 0 : rng.int(1, 2);
      likes = rng.chance(0.7) ? 0 : rng.int(1, 5);
      shares = 0;
      posts = 0;
      received = 0;
      live = rng.chance(0.9) ? 0 : rng.int(1, 15);
    }
    if (creator) {
      posts = rng.int(3, 30);
      received = logUniform(rng, 1000, 80_000);
    }
    if (lastActive !== null && lastActive < joined) lastActive = joined;

    row[COL.joined] = dateCell(rng, joined);
    row[COL.lastActive] = lastActive === null ? null : dateCell(rng, lastActive);
    row[COL.comments] = countCell(rng, comments);
    row[COL.likes] = countCell(rng, likes);
    row[COL.shares] = countCell(rng, shares);
    row[COL.posts] = countCell(rng, posts);
    row[COL.likesReceived] = countCell(rng, received);
    row[COL.liveMinutes] = countCell(rng, live);

    const notes = tier === 0 ? P_NOTE * 2 : P_NOTE;
    if (rng.chance(notes)) row[COL.note] = rng.pick(NOTES);
    const follow = tier === 2 ? P_FOLLOW_UP / 2 : P_FOLLOW_UP;
    if (rng.chance(follow)) row[COL.followUp] = rng.pick(FOLLOW_UPS);

    if (typeof row[COL.id] === 'string' && row[COL.id] !== '') idRows.push(rows.length);
    memberRows.push(rows.length);
    rows.push(row);
  }

  // One or two cells of truly unparseable text in count columns.
  if (memberRows.length > 0) {
    const n = Math.min(memberRows.length, rng.chance(0.5) ? 2 : 1);
    for (let k = 0; k < n; k++) {
      rows[rng.pick(memberRows)][rng.pick(COUNT_COLUMNS)] = rng.pick(UNPARSEABLE);
    }
  }

  return { sheet: SAMPLE_SHEET, header: [...SAMPLE_HEADER], rows };
}

// ---- description ----------------------------------------------------------------

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

export interface SampleDescription {
  /** All data rows, blank ones included. */
  rows: number;
  /** Rows whose every cell is null or blank text. */
  blankRows: number;
  /** Non-blank rows without a 成员ID. */
  missingIds: number;
  /** Non-blank rows repeating a 成员ID seen in an earlier row. */
  duplicateIds: number;
}

export function describeSample(table: Table): SampleDescription {
  const idCol = table.header.indexOf('成员ID');
  let blankRows = 0;
  let missingIds = 0;
  let duplicateIds = 0;
  const seen = new Set<string>();
  for (const row of table.rows) {
    if (row.every(isBlank)) {
      blankRows++;
      continue;
    }
    const id = idCol >= 0 ? row[idCol] ?? null : null;
    if (isBlank(id)) {
      missingIds++;
      continue;
    }
    const key = id instanceof Date ? id.toISOString() : String(id).trim();
    if (seen.has(key)) duplicateIds++;
    else seen.add(key);
  }
  return { rows: table.rows.length, blankRows, missingIds, duplicateIds };
}

// ---- admin team -------------------------------------------------------------------

export const ADMINS_SHEET = '管理员';

export const ADMINS_HEADER: readonly string[] = ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'];

const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['张', 'zhang'], ['王', 'wang'], ['李', 'li'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['周', 'zhou'], ['吴', 'wu'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'],
  ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'],
];
const GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'],
  ['洋', 'yang'], ['艳', 'yan'], ['勇', 'yong'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'],
  ['秀英', 'xiuying'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['婷', 'ting'], ['雪', 'xue'], ['晨', 'chen'], ['悦', 'yue'],
];

/** Share of members expected in the core tier, and the default core capacity (rules/admins.json) it is divided by. */
const CORE_SHARE = 0.12;
const DEFAULT_CORE_CAPACITY = 15;
const REGULARS_PER_MID = 6;

export interface GenerateAdminsOptions {
  /** Members the team serves: it gets enough regular admins for them. */
  members: number;
  seed: number;
}

/**
 * A realistic admin team for a members sheet of `members` rows: one 总负责人,
 * a mid-level lead per ~6 regular admins, and enough regular admins that the
 * core tier (the scarcest capacity) fits with room to spare; one regular
 * admin is inactive (在职 = 否). About a third state their own capacity, the
 * rest leave it blank for the defaults. Emails are @example.com. Pure and
 * seeded like the members table; the team is valid (no issues).
 */
export function generateAdminsTable(opts: GenerateAdminsOptions): Table {
  if (!Number.isInteger(opts.members) || opts.members < 0) {
    throw new RangeError(`members must be a non-negative integer, got ${opts.members}`);
  }
  const rng = createRng(opts.seed ^ 0x5eed);
  const regulars = Math.max(2, Math.ceil((opts.members * CORE_SHARE) / DEFAULT_CORE_CAPACITY));
  const mids = Math.max(1, Math.ceil(regulars / REGULARS_PER_MID));

  // Distinct names: a seeded shuffle of every surname × given-name pair.
  const pairs: Array<[string, string]> = [];
  for (const s of SURNAMES) for (const g of GIVEN) pairs.push([s[0] + g[0], `${g[1]}.${s[1]}`]);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  let taken = 0;
  const people = (n: number) => {
    const out: Array<{ name: string; email: string }> = [];
    while (out.length < n) {
      const k = out.length + taken;
      const [name, handle] = pairs[k % pairs.length];
      const round = Math.floor(k / pairs.length);
      out.push({ name: round ? `${name}${round + 1}` : name, email: `${handle}${round ? round + 1 : ''}@example.com` });
    }
    taken += n;
    return out;
  };

  const [lead] = people(1);
  const midPeople = people(mids);
  const regularPeople = people(regulars + 1); // one more, inactive
  const rows: CellValue[][] = [[lead.name, '总负责人', lead.email, null, '是', null, null, null]];
  for (const m of midPeople) rows.push([m.name, '中层负责人', m.email, lead.name, '是', null, null, null]);
  regularPeople.forEach((p, i) => {
    const boss = midPeople[i % mids].name;
    const inactive = i === regularPeople.length - 1;
    const own = !inactive && rng.chance(1 / 3);
    rows.push([p.name, '普通管理员', p.email, boss, inactive ? '否' : rng.chance(0.8) ? '是' : null, own ? 20 : null, own ? 50 : null, own ? 150 : null]);
  });
  return { sheet: ADMINS_SHEET, header: [...ADMINS_HEADER], rows };
}
