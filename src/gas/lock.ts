/** Two operators clicking at once must not interleave their writes. */

export const LOCK_WAIT_MS = 30_000;

export const BUSY_MESSAGE =
  '另一次分层计算正在进行，请稍后再试。\nAnother recompute is running; please try again in a minute.';

/**
 * Runs `work` holding the document lock; everything in Apps Script is
 * synchronous, so the lock is released when `work` returns. Returns
 * `{ ran: false }` without calling `work` when the lock stays busy for
 * LOCK_WAIT_MS.
 */
export function withDocumentLock<T>(work: () => T): { ran: true; value: T } | { ran: false } {
  const lock = LockService.getDocumentLock();
  // null outside a document-bound script or add-on.
  if (!lock) throw new Error('只能在表格中运行 / Must run from a spreadsheet');
  if (!lock.tryLock(LOCK_WAIT_MS)) return { ran: false };
  try {
    return { ran: true, value: work() };
  } finally {
    lock.releaseLock();
  }
}
