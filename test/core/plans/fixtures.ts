import { DEFAULT_OPS_CONFIG } from '../../../src/app/default-operations.js';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import type { ContentItem } from '../../../src/core/plans/library.js';
import type { OpsConfig } from '../../../src/core/plans/config.js';
import { civilDay } from '../../../src/core/base/time.js';

export const ACTIVITY = DEFAULT_RULE_SETS.find((s) => s.id === 'activity')!;
export const CONTRIBUTION = DEFAULT_RULE_SETS.find((s) => s.id === 'contribution')!;
export const TIERS = ACTIVITY.tiers.map((t) => t.id);

export const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return civilDay(y, m, d)!;
};

/** 2026-11-26 is a Thursday. */
export const TODAY = day('2026-11-26');

export function config(over: Partial<OpsConfig> = {}): OpsConfig {
  return { ...structuredClone(DEFAULT_OPS_CONFIG), ...over };
}

/** `n` items per tier: core-1 … */
export function library(counts: Record<string, number>): ContentItem[] {
  const out: ContentItem[] = [];
  let row = 2;
  for (const [tier, n] of Object.entries(counts)) {
    for (let i = 1; i <= n; i++) out.push({ row: row++, title: `${tier}-${i}`, typeText: '', tiers: [tier], channel: '群', link: '', owner: '' });
  }
  return out;
}
