import type { SheetProtection } from '../../core/base/patch.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type ProtectionOutcome = 'protected' | 'warning-only';

/**
 * Makes `sheet` editable only by `want.editors` (Google always keeps the
 * spreadsheet's owner and the person running the script). Reuses the sheet's
 * existing protection, so re-runs only add and remove the difference. Where
 * the domain refuses an editor (for example an address outside a Workspace
 * organisation that forbids external sharing), the protection falls back to
 * warning-only: everyone may edit, after a warning.
 */
export function protectSheet(sheet: Sheet, want: SheetProtection): ProtectionOutcome {
  const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? sheet.protect();
  protection.setDescription(want.description);
  try {
    const current = protection
      .getEditors()
      .map((u) => (u.getEmail() || '').toLowerCase())
      .filter((e) => e !== '');
    const wanted = [...new Set(want.editors.map((e) => e.toLowerCase()))];
    const remove = current.filter((e) => !wanted.includes(e));
    const add = wanted.filter((e) => !current.includes(e));
    if (remove.length > 0) protection.removeEditors(remove);
    if (add.length > 0) protection.addEditors(add);
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
    if (protection.isWarningOnly()) protection.setWarningOnly(false);
    return 'protected';
  } catch (err) {
    if (typeof console !== 'undefined') console.warn(`「${sheet.getName()}」改为仅警告保护 / "${sheet.getName()}" falls back to a warning-only protection`, err);
    protection.setWarningOnly(true);
    return 'warning-only';
  }
}
