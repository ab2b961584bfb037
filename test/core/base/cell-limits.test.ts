import { describe, expect, it } from 'vitest';
import { CUT_MARKER, MAX_CELL_TEXT, capCellText, capPatchText } from '../../../src/core/base/cell-limits.js';
import type { WorkbookPatch } from '../../../src/core/base/patch.js';

describe('capCellText', () => {
  it('leaves text up to the limit alone and cuts longer text visibly to exactly the limit', () => {
    const fits = 'a'.repeat(MAX_CELL_TEXT);
    expect(capCellText(fits)).toBe(fits);
    const cut = capCellText('b'.repeat(1_000_000));
    expect(cut.length).toBe(MAX_CELL_TEXT);
    expect(cut.endsWith(CUT_MARKER)).toBe(true);
  });

  it('never leaves half of a surrogate pair', () => {
    for (const pad of [0, 1]) {
      const cut = capCellText('x'.repeat(pad) + '😀'.repeat(MAX_CELL_TEXT));
      expect(cut.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(cut)).toBe(false);
    }
  });
});

describe('capPatchText', () => {
  it('caps every kind of sheet patch and keeps short cells and non-text as they are', () => {
    const long = 'z'.repeat(64_057);
    const patch: WorkbookPatch = {
      sheets: [
        { kind: 'replace', sheet: '内容计划', rows: [['标题'], [long, 3, null, 'ok']] },
        { kind: 'columns', sheet: '成员', columns: [{ index: 4, header: '分层依据', values: [long, 'short', 7] }] },
        { kind: 'append', sheet: '积分流水', header: ['a'], rows: [[long, true]] },
      ],
    };
    capPatchText(patch);
    const [r, c, a] = patch.sheets as [any, any, any];
    expect(r.rows[0]).toEqual(['标题']);
    expect(r.rows[1].slice(1)).toEqual([3, null, 'ok']);
    expect(r.rows[1][0].length).toBe(MAX_CELL_TEXT);
    expect(c.columns[0].values.slice(1)).toEqual(['short', 7]);
    expect(c.columns[0].values[0].endsWith(CUT_MARKER)).toBe(true);
    expect(a.rows[0][0].length).toBe(MAX_CELL_TEXT);
    expect(a.rows[0][1]).toBe(true);
  });
});
