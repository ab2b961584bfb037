/**
 * Seeded sample tables for the content, interaction and points features, so
 * the bundled example shows every sheet: a 内容库 (content library) a little
 * short for the core tier (so the plan shows its gaps), a few 积分兑换
 * (redemptions: accepted, one over the balance, one for an unknown member,
 * one dated in the future) and last month's 积分流水 (points ledger), so this
 * month's run awards last month's honors. Pure: same options → same tables.
 */
import { parseNumber, parseText } from '../core/base/cells.js';
import { periodOf } from '../core/points/period.js';
import { civilDay, formatCivilDay } from '../core/base/time.js';
import type { CellValue, Table } from '../core/base/table.js';
import { createRng } from './random.js';

export const CONTENT_LIBRARY_SHEET = '内容库';
export const REDEMPTIONS_SHEET = '积分兑换';
export const LEDGER_SHEET = '积分流水';

const LIBRARY: ReadonlyArray<readonly [string, string, string]> = [
  // [type, title, target tiers ('' = the type's default)]
  ['深度/专业内容', '从 0 到 1 做一条爆款短视频：选题、脚本、剪辑全流程', ''],
  ['深度/专业内容', '直播间话术拆解：留人、互动、转化三段式', ''],
  ['深度/专业内容', '账号定位复盘：我们为什么把内容从泛娱乐转到垂类', ''],
  ['深度/专业内容', '粉丝画像报告解读（2026 年第四季度）', ''],
  ['深度/专业内容', '评论区运营：高质量评论如何带动推荐', ''],
  ['行业趋势', '2027 短视频行业五大趋势', ''],
  ['行业趋势', '直播电商新规解读：主播需要注意什么', ''],
  ['行业趋势', '同类账号增长对比：哪些打法还有效', ''],
  ['行业趋势', 'AI 剪辑工具横评', '核心成员、潜力成员'],
  ['独家福利', '核心粉丝专属：新品内测名额', ''],
  ['独家福利', '年度共创者礼包申请通道', ''],
  ['独家福利', '幕后花絮：拍摄现场未公开片段', ''],
  ['产品试用', '新品试用装申领（第一批）', ''],
  ['产品试用', '试用报告模板与优秀范例', ''],
  ['短视频教程', '手机拍出电影感：三个运镜技巧', ''],
  ['短视频教程', '一分钟学会卡点剪辑', ''],
  ['短视频教程', '封面和标题怎么写更容易被点开', ''],
  ['短视频教程', '新手直播设备清单（千元以内）', ''],
  ['短视频教程', '如何用合集功能整理作品', ''],
  ['短视频教程', '评论区置顶与互动小技巧', ''],
  ['活动预告', '下周直播预告：粉丝问答专场', ''],
  ['活动预告', '月底粉丝共创大赛报名开始', ''],
  ['活动预告', '年终粉丝盛典日程公布', ''],
  ['活动预告', '线下见面会（上海站）报名预告', '潜力成员、核心成员'],
  ['轻松趣味内容', '本周最好笑的十条粉丝评论', ''],
  ['轻松趣味内容', '猜猜这是谁的手机壁纸', ''],
  ['轻松趣味内容', '幕后 NG 合集', ''],
  ['互动活动', '晒出你的年度最佳作品', ''],
  ['互动活动', '一句话接龙：我们的 2026', ''],
];

const CHANNELS = ['粉丝群', '群公告', '直播间', '抖音私信', '粉丝群'];
const OWNERS = ['内容组·小周', '内容组·阿敏', '运营·老李', '运营·婷婷'];

export interface SampleTablesOptions {
  seed: number;
}

/** The content library, Chinese headers; every row valid. */
export function generateContentLibraryTable(opts: SampleTablesOptions): Table {
  const rng = createRng(opts.seed ^ 0x5eed01);
  const rows: CellValue[][] = LIBRARY.map(([type, title, tiers], i) => [
    title,
    type,
    tiers || null,
    rng.pick(CHANNELS),
    `https://v.douyin.com/s${(opts.seed % 9000) + 1000}${String(i + 1).padStart(2, '0')}/`,
    rng.pick(OWNERS),
  ]);
  return { sheet: CONTENT_LIBRARY_SHEET, header: ['标题', '类型', '目标层级', '渠道', '链接', '负责人'], rows };
}

interface SampleMember {
  id: string;
  nickname: string;
  comments: number;
  posts: number;
  shares: number;
  likesReceived: number;
}

/** The members of a generated members table with their counts (messy cells read as the core reads them). */
function membersOf(table: Table): SampleMember[] {
  const col = (name: string) => table.header.indexOf(name);
  const [id, nick, comments, posts, shares, likesReceived] = ['成员ID', '昵称', '近30天评论', '近30天发布', '近30天转发', '近30天获赞'].map(col);
  const num = (c: CellValue | undefined) => {
    const p = parseNumber(c ?? null);
    return p.kind === 'value' ? p.value : 0;
  };
  const seen = new Set<string>();
  const out: SampleMember[] = [];
  for (const r of table.rows) {
    const p = parseText(r[id] ?? null);
    if (p.kind !== 'value' || seen.has(p.value)) continue;
    seen.add(p.value);
    const n = parseText(r[nick] ?? null);
    out.push({ id: p.value, nickname: n.kind === 'value' ? n.value : '', comments: num(r[comments]), posts: num(r[posts]), shares: num(r[shares]), likesReceived: num(r[likesReceived]) });
  }
  return out;
}

function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const day = civilDay(y, m, d);
  if (day === undefined) throw new Error(`bad date ${iso}`);
  return day;
}

/**
 * Last month's ledger, as an earlier run would have written it with the
 * default points rules (rules/points.json): each active member's counts,
 * varied a little, times the rule's points, capped.
 */
export function generatePointsHistoryTable(members: Table, opts: SampleTablesOptions & { today: string }): Table {
  const rng = createRng(opts.seed ^ 0x1ed9e5);
  const today = dayOf(opts.today);
  const lastMonth = periodOf(dayOf(`${periodOf(today)}-01`) - 1);
  const recordedAt = `${formatCivilDay(dayOf(`${periodOf(today)}-01`) - 1)} 21:00`;
  const rows: CellValue[][] = [];
  const rules: Array<[string, (m: SampleMember) => number, number, number, string]> = [
    ['发布作品', (m) => m.posts, 20, 200, '近30天发布'],
    ['作品获赞', (m) => m.likesReceived, 0.01, 100, '近30天获赞'],
    ['评论', (m) => m.comments, 2, 100, '近30天评论'],
    ['转发分享', (m) => m.shares, 5, 100, '近30天转发'],
  ];
  for (const m of membersOf(members)) {
    for (const [rule, count, per, cap, label] of rules) {
      const n = Math.round(count(m) * (0.6 + rng.next() * 0.6));
      const points = Math.min(cap, Math.floor(n * per));
      if (points <= 0 || (rule === '作品获赞' && n < 100)) continue;
      const raw = n * per;
      rows.push([lastMonth, m.id, m.nickname, rule, points, `${rule}：${label} ${n} × ${per} = ${Math.round(raw * 100) / 100}${raw > cap ? `，本期上限 ${cap}` : ''}`, recordedAt]);
    }
  }
  return { sheet: LEDGER_SHEET, header: ['期间', '成员ID', '昵称', '规则', '积分', '原因', '记录时间'], rows };
}

/**
 * A handful of redemptions this month: most within the member's balance,
 * one far over it (rejected), one for a member who does not exist (invalid),
 * one dated after today (pending).
 */
export function generateRedemptionsTable(members: Table, opts: SampleTablesOptions & { today: string }): Table {
  const rng = createRng(opts.seed ^ 0x7ede);
  const today = dayOf(opts.today);
  const first = dayOf(`${periodOf(today)}-01`);
  const active = membersOf(members)
    .filter((m) => m.comments >= 30)
    .sort((a, b) => b.comments - a.comments || (a.id < b.id ? -1 : 1));
  const items: Array<[string, number]> = [
    ['直播间专属徽章', 100],
    ['定制周边 T 恤', 300],
    ['签名海报', 150],
    ['新品试用装', 200],
    ['线下见面会门票', 500],
  ];
  const date = () => formatCivilDay(first + rng.int(0, Math.max(0, today - first - 1)));
  const rows: CellValue[][] = [];
  for (let i = 0; i < Math.min(5, active.length); i++) {
    const [item, points] = items[i % 4];
    rows.push([active[i].id, item, points, date()]);
  }
  if (active.length > 5) rows.push([active[5].id, '年度荣誉大礼包', 99_999, date()]);
  rows.push(['M000000', '定制周边 T 恤', 300, date()]);
  if (active.length > 6) rows.push([active[6].id, items[4][0], items[4][1], formatCivilDay(today + 10)]);
  return { sheet: REDEMPTIONS_SHEET, header: ['成员ID', '兑换物品', '积分', '日期'], rows };
}
