import type { XpWorkbook } from './populate.js';

/**
 * Puts the tabs in the patch's order, moving only those out of place
 * (core planned it so that tabs the operator ordered stay where they are).
 */
export function applyTabOrder(xp: XpWorkbook, order: readonly string[] | undefined): void {
  if (!order) return;
  const present = order.filter((name) => xp.sheet(name) !== undefined);
  present.forEach((name, i) => {
    if (xp.sheets()[i]?.name() !== name) xp.moveSheet(name, i);
  });
}
