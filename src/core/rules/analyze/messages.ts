/** The wording of each finding: Chinese / English, rule names quoted, the example spelled out. */
import type { Clash } from './culprit.js';
import { describeCondition, quote, type Locale } from './describe.js';

type Both = (l: Locale) => string;
const both = (f: Both) => `${f('zh')} / ${f('en')}`;
const list = (names: string[], l: Locale) => names.map((n) => quote(n, l)).join(l === 'zh' ? '、' : ', ');

/** `近30天评论 ≥ 20 与 近30天评论 < 10 不能同时成立；…` */
function why(reasons: Clash[][], l: Locale): string {
  return reasons
    .map((group) => {
      const text = group.map((c) => describeCondition(c.condition, l, group.length > 1)).join(l === 'zh' ? ' 与 ' : ' and ');
      const sum = group.some((c) => JSON.stringify(c.condition).includes('interactions30d')) && group.length > 1;
      const hint = sum ? (l === 'zh' ? '（近30天互动 = 评论 + 点赞 + 转发）' : ' (interactions = comments + likes + shares)') : '';
      if (group.length === 1) return l === 'zh' ? `${text} 不可能成立` : `${text} can never hold`;
      return l === 'zh' ? `${text} 不能同时成立${hint}` : `${text} cannot ${group.length === 2 ? 'both' : 'all'} hold${hint}`;
    })
    .join(l === 'zh' ? '；' : '; ');
}

export type ExampleText = (l: Locale) => string;

const eg = (example: ExampleText, l: Locale) => (l === 'zh' ? `。例：${example(l)}` : `. E.g. ${example(l)}`);

export const say = {
  unsatisfiable: (rule: string, reasons: Clash[][], collect: boolean) =>
    both((l) => (l === 'zh' ? `规则${quote(rule, l)}永远不会${collect ? '触发' : '命中'}：${why(reasons, l)}` : `Rule ${quote(rule, l)} can never ${collect ? 'fire' : 'match'}: ${why(reasons, l)}`)),
  shadowed: (rule: string, by: string[], example: ExampleText) =>
    both((l) =>
      l === 'zh'
        ? `规则${quote(rule, l)}永远不会生效：它命中的成员都已被优先级更高的规则${list(by, l)}先命中${eg(example, l)}`
        : `Rule ${quote(rule, l)} never places anyone: every member it matches is taken first by higher-priority ${by.length > 1 ? 'rules' : 'rule'} ${list(by, l)}${eg(example, l)}`,
    ),
  duplicateFirst: (rule: string, same: string, example: ExampleText) =>
    both((l) =>
      l === 'zh'
        ? `规则${quote(rule, l)}与优先级更高的规则${quote(same, l)}条件相同，永远不会生效${eg(example, l)}`
        : `Rule ${quote(rule, l)} has the same conditions as higher-priority rule ${quote(same, l)}, so it never places anyone${eg(example, l)}`,
    ),
  duplicateCollect: (rule: string, same: string, example: ExampleText) =>
    both((l) =>
      l === 'zh'
        ? `规则${quote(rule, l)}与规则${quote(same, l)}条件和事件都相同，同一成员会被计两次${eg(example, l)}`
        : `Rule ${quote(rule, l)} has the same conditions and event as rule ${quote(same, l)}: members are counted twice${eg(example, l)}`,
    ),
  overlap: (first: string, second: string, tier: (l: Locale) => string, other: (l: Locale) => string, example: ExampleText) =>
    both((l) =>
      l === 'zh'
        ? `规则${quote(first, l)}与${quote(second, l)}有重叠：两者都满足的成员按先后进入${quote(tier(l), l)}，而不是${quote(other(l), l)}（提示，非错误）${eg(example, l)}`
        : `Rules ${quote(first, l)} and ${quote(second, l)} overlap: members who meet both go to ${quote(tier(l), l)}, the earlier rule's tier, not ${quote(other(l), l)} (a note, not an error)${eg(example, l)}`,
    ),
  unreachableTier: (tier: (l: Locale) => string, rules: string[]) =>
    both((l) =>
      rules.length === 0
        ? l === 'zh'
          ? `层级${quote(tier(l), l)}不会有成员：没有规则指向它，它也不是默认层级`
          : `Tier ${quote(tier(l), l)} can never have members: no rule leads there and it is not the default`
        : l === 'zh'
          ? `层级${quote(tier(l), l)}不会有成员：指向它的规则${list(rules, l)}永远不会生效，它也不是默认层级`
          : `Tier ${quote(tier(l), l)} can never have members: ${rules.length > 1 ? 'the rules leading there' : 'the rule leading there'} (${list(rules, l)}) never ${rules.length > 1 ? 'place' : 'places'} anyone, and it is not the default`,
    ),
  defaultUnused: (tier: (l: Locale) => string) =>
    both((l) =>
      l === 'zh'
        ? `每位成员都至少满足一条规则，「否则 → ${tier(l)}」永远用不到`
        : `Every member meets some rule, so "otherwise → ${tier(l)}" never applies`,
    ),
  alwaysFires: (rule: string, example: ExampleText) =>
    both((l) =>
      l === 'zh' ? `规则${quote(rule, l)}对每位成员都会触发：条件总是成立${eg(example, l)}` : `Rule ${quote(rule, l)} fires for every member: its conditions always hold${eg(example, l)}`,
    ),
  notAnalyzed: (reason: 'too-complex' | 'unsupported', detail: string) =>
    both((l) =>
      reason === 'too-complex'
        ? l === 'zh'
          ? '条件组合过多，未做完整分析'
          : 'Too many combinations of conditions; not fully analyzed'
        : l === 'zh'
          ? `含分析不支持的条件（${detail}），未做分析`
          : `Holds a condition the analysis does not support (${detail}); not analyzed`,
    ),
};
