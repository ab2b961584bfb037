/** Distinct Chinese names with matching @example.com emails for the sample admin team. */

import type { Rng } from './random.js';

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

export interface Person {
  name: string;
  email: string;
}

/**
 * Deals people who are all different: a seeded shuffle of every surname ×
 * given-name pair, then the same pairs again numbered (张伟2, wei.zhang2@…)
 * should a huge team use them all up.
 */
export function createPeople(rng: Rng): (n: number) => Person[] {
  const pairs: Array<[string, string]> = [];
  for (const s of SURNAMES) for (const g of GIVEN) pairs.push([s[0] + g[0], `${g[1]}.${s[1]}`]);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  let taken = 0;
  return (n) => {
    const out: Person[] = [];
    while (out.length < n) {
      const k = out.length + taken;
      const [name, handle] = pairs[k % pairs.length];
      const round = Math.floor(k / pairs.length);
      out.push({ name: round ? `${name}${round + 1}` : name, email: `${handle}${round ? round + 1 : ''}@example.com` });
    }
    taken += n;
    return out;
  };
}
