/** Sets of members as lists of boxes: and, and-not, and whether anyone is in one. */
import type { Condition } from '../types.js';
import type { Box } from './box.js';
import { allOf, toBoxes } from './dnf.js';
import type { ExampleMember } from './example.js';
import type { Context } from './variables.js';
import { witness } from './witness.js';

export type Region = Box[];

export function regionOf(c: Condition, ctx: Context): Region {
  return toBoxes(c, ctx);
}

export function complementOf(c: Condition, ctx: Context): Region {
  return toBoxes(c, ctx, true);
}

export function and(ctx: Context, ...regions: Region[]): Region {
  return allOf(regions, ctx);
}

/** A member of the region, or null when it is empty. */
export function memberOf(region: Region, ctx: Context): ExampleMember | null {
  for (const box of region) {
    const w = witness(box, ctx);
    if (w) return w;
  }
  return null;
}

export const isEmpty = (region: Region, ctx: Context) => memberOf(region, ctx) === null;
