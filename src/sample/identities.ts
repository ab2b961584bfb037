/**
 * Who a member row says it is: 成员ID, 昵称 and 抖音号. Mostly a fresh member;
 * at small rates a row repeats an earlier member (export glitches, re-joins)
 * or has no 成员ID at all.
 */

import type { Rng } from './random.js';

/** A member row repeating an earlier member's 成员ID (and nickname / 抖音号). */
const P_DUPLICATE_ID = 0.003;
/** A member row with an empty 成员ID (null or ''). */
const P_MISSING_ID = 0.003;

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

export interface Identity {
  /** 'M123456', or null / '' for a row without an ID. */
  id: string | null;
  nickname: string;
  douyinId: string;
}

/**
 * Deals identities row by row. Draws its first ID from `rng` right away, so
 * create it where the members sequence starts.
 */
export function createIdentities(rng: Rng): { next(): Identity } {
  let nextId = rng.int(100_000, 200_000);
  /** Every identity dealt so far with a 成员ID, repeats included (what a duplicate copies). */
  const withId: Identity[] = [];

  const next = (): Identity => {
    const r = rng.next();
    let identity: Identity;
    if (withId.length > 0 && r < P_DUPLICATE_ID) {
      identity = { ...rng.pick(withId) };
    } else {
      const id = r < P_DUPLICATE_ID + P_MISSING_ID ? (rng.chance(0.7) ? null : '') : `M${nextId}`;
      // Real exports' IDs are not consecutive.
      nextId += rng.int(1, 5);
      identity = { id, nickname: nickname(rng), douyinId: douyinId(rng) };
    }
    if (identity.id) withId.push(identity);
    return identity;
  };
  return { next };
}

function nickname(rng: Rng): string {
  return rng.pick(NICK_PREFIX) + rng.pick(NICK_CORE) + rng.pick(NICK_SUFFIX);
}

/** Mostly the default 'dy' + digits; sometimes a handle the member chose. */
function douyinId(rng: Rng): string {
  if (rng.chance(0.05)) return rng.pick(HANDLES) + (rng.chance(0.5) ? '_' : '') + rng.int(1, 9999);
  return 'dy' + rng.int(100_000_000, 99_999_999_999);
}
