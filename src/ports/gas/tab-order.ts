/**
 * Where a new tab goes (0-based, as insertSheet takes it) so the tabs follow
 * the patch's planned order: right after the nearest tab before it in that
 * order that is there now, else before the nearest one after it, else last.
 * Tabs that exist are never moved, so an order the operator set by hand
 * stays (core plans the order that way too), and a journal replayed by a
 * later execution places the rest of its tabs exactly as one run would.
 */
export function placeOf(name: string, current: readonly string[], order: readonly string[] | undefined): number {
  const at = order ? order.indexOf(name) : -1;
  if (at < 0) return current.length;
  const index = new Map(current.map((n, i) => [n, i]));
  for (let i = at - 1; i >= 0; i--) {
    const here = index.get(order![i]);
    if (here !== undefined) return here + 1;
  }
  for (let i = at + 1; i < order!.length; i++) {
    const here = index.get(order![i]);
    if (here !== undefined) return here;
  }
  return current.length;
}
