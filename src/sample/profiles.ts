/**
 * Who a member is, behind the cells: their tier, dates and true activity
 * counts, drawn from this population (probabilities per member):
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
 * The draws below must stay in this order: the same seed has to give the
 * same sheet (the bundled example is generated from it).
 */

import type { CountKey } from './columns.js';
import type { Rng } from './random.js';

const P_CORE = 0.1;
const P_OCCASIONAL = 0.3; // the rest (60%) is silent
const P_CREATOR_GIVEN_CORE = 0.2;
const P_CREATOR_GIVEN_OCCASIONAL = 0.035;
const P_NEVER_ACTIVE_GIVEN_SILENT = 0.03;
const JOIN_WINDOW_DAYS = 3 * 365;

export type Tier = 'core' | 'occasional' | 'silent';

export interface MemberProfile {
  tier: Tier;
  /** Civil days (days since 1970-01-01). */
  joined: number;
  /** null: never active. */
  lastActive: number | null;
  counts: Record<CountKey, number>;
}

interface Activity {
  lastActive: number | null;
  counts: Record<CountKey, number>;
}

export function drawProfile(rng: Rng, today: number): MemberProfile {
  const t = rng.next();
  const tier: Tier = t < P_CORE ? 'core' : t < P_CORE + P_OCCASIONAL ? 'occasional' : 'silent';
  const creator =
    (tier === 'core' && rng.chance(P_CREATOR_GIVEN_CORE)) ||
    (tier === 'occasional' && rng.chance(P_CREATOR_GIVEN_OCCASIONAL));

  const joined = today - rng.int(0, JOIN_WINDOW_DAYS);
  const activity =
    tier === 'core' ? coreActivity(rng, today) : tier === 'occasional' ? occasionalActivity(rng, today) : silentActivity(rng, today);
  const { counts } = activity;
  if (creator) {
    counts.posts = rng.int(3, 30);
    counts.likesReceived = logUniform(rng, 1000, 80_000);
  }
  // Nobody was active before joining.
  const lastActive = activity.lastActive !== null && activity.lastActive < joined ? joined : activity.lastActive;
  return { tier, joined, lastActive, counts };
}

function coreActivity(rng: Rng, today: number): Activity {
  const lastActive = today - rng.int(0, 6);
  const comments = skewed(rng, 20, 200);
  const likes = rng.int(200, 999);
  const shares = skewed(rng, 5, 60);
  const posts = rng.chance(0.6) ? rng.int(1, 8) : 0;
  const likesReceived = posts > 0 ? posts * rng.int(5, 200) : rng.int(0, 50);
  const liveMinutes = rng.int(100, 900);
  return { lastActive, counts: { comments, likes, shares, posts, likesReceived, liveMinutes } };
}

function occasionalActivity(rng: Rng, today: number): Activity {
  const lastActive = today - rng.int(3, 30);
  const comments = skewed(rng, 0, 15);
  const likes = skewed(rng, 5, 150);
  const shares = skewed(rng, 0, 10);
  const posts = rng.chance(0.15) ? rng.int(1, 2) : 0;
  const likesReceived = posts > 0 ? posts * rng.int(2, 60) : rng.int(0, 10);
  const liveMinutes = rng.chance(0.4) ? 0 : skewed(rng, 1, 120);
  return { lastActive, counts: { comments, likes, shares, posts, likesReceived, liveMinutes } };
}

function silentActivity(rng: Rng, today: number): Activity {
  const lastActive = rng.chance(P_NEVER_ACTIVE_GIVEN_SILENT) ? null : today - rng.int(31, 400);
  const comments = rng.chance(0.9) ? 0 : rng.int(1, 2);
  const likes = rng.chance(0.7) ? 0 : rng.int(1, 5);
  const liveMinutes = rng.chance(0.9) ? 0 : rng.int(1, 15);
  return { lastActive, counts: { comments, likes, shares: 0, posts: 0, likesReceived: 0, liveMinutes } };
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
