/**
 * Issue 11 in the written .xlsx: read the file back and check what an
 * operator sees when opening it (tab order here; layout hints below).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recompute, type RecomputeOptions } from '../../src/app/recompute.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { firstRunTabs } from '../app/ops-sheets.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/operator-workbook.xlsx');
const ZH: RecomputeOptions = { now: new Date('2026-11-26T01:50:00Z'), timeZone: 'Asia/Shanghai', locale: 'zh' };

describe('xlsx: tab order', () => {
  it('the operator’s sheets first, then overview and dashboard …; a hand-set order survives re-runs', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    await recompute(wb, ZH);
    const reopened = await XlsxWorkbook.open(wb.toBuffer());
    expect(reopened.sheetNames()).toEqual(firstRunTabs('zh', ['成员', '运营笔记']));
    // The operator moves 运营看板 in front of everything (a patch that only reorders, as Excel would save it).
    const byHand = ['运营看板', ...reopened.sheetNames().filter((s) => s !== '运营看板')];
    await reopened.apply({ sheets: [], order: byHand });
    await recompute(reopened, { ...ZH, now: new Date('2026-11-27T01:50:00Z') });
    const again = await XlsxWorkbook.open(reopened.toBuffer());
    expect(again.sheetNames()).toEqual(byHand);
    // Cells still belong to their tabs after the parts were renumbered.
    expect(again.read('成员')!.header[0]).toBe('成员ID');
    expect(again.read('运营看板')!.header.join('')).toContain('运营看板');
  }, 60_000);
});
