/**
 * The time-driven trigger that continues a run nobody is watching. Needs the
 * script.scriptapp scope (README says why). Google decides the exact minute,
 * and an add-on's clock triggers fire at most once an hour, so a continuation
 * may come late; it computes the same plan either way.
 */
export const CONTINUE_FUNCTION = 'continueRecompute';
/** Asked for one minute on; Google may run it later. */
export const CONTINUE_AFTER_MS = 60_000;

/** At most one pending continuation: earlier ones are removed first. */
export function scheduleContinuation(): void {
  cancelContinuations();
  ScriptApp.newTrigger(CONTINUE_FUNCTION).timeBased().after(CONTINUE_AFTER_MS).create();
}

/** Removes every trigger of ours (the one that fired stays listed until deleted). */
export function cancelContinuations(): void {
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === CONTINUE_FUNCTION) ScriptApp.deleteTrigger(t);
  }
}
