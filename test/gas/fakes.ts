/**
 * In-memory stand-ins for the Apps Script services Fenceng calls. They behave
 * like Google's where it matters to us (getValues hands out Date instants,
 * setValues parses strings like typed input, getRange throws outside the
 * grid), count every call per method, and throw on anything not modelled
 * instead of quietly returning undefined.
 */
import { instantToWallClock } from '../../src/core/base/time.js';
import { FakeSheetLayout, parseA1, a1, type Box, type CellFormat } from './fake-layout.js';

/** Google's limits, as the fakes enforce them (numbers written out: a test double must not borrow the code's constants). */
export const GOOGLE_MAX_CELLS = 10_000_000;
export const GOOGLE_MAX_CELL_CHARS = 50_000;
export const GOOGLE_MAX_COLUMNS = 18_278;

/** A stored cell: what Sheets keeps, Dates as real instants. */
export type StoredCell = string | number | boolean | Date | { formula: string };

export interface FakeOptions {
  /** Initial sheets, row 1 first. Dates are instants; null/undefined → empty. */
  sheets?: Record<string, unknown[][]>;
  /** Grid sizes [max rows, max columns] of initial sheets, where bigger than the default (at least 1000×26 and the data). */
  grids?: Record<string, [number, number]>;
  /** Names of initial sheets the operator has hidden. */
  hiddenSheets?: string[];
  /** The spreadsheet's owner (an editor Google never removes). */
  owner?: string;
  timeZone?: string;
  locale?: string;
  email?: string;
  /** The add-on's name: the title Sheets gives the add-on menu. */
  addonName?: string;
}

/** Thrown by every call once a simulated execution has been stopped (Google's 6-minute kill). */
export const KILLED_MESSAGE = 'Exceeded maximum execution time';

/**
 * Counts calls as "Type.method", and injects faults: the k-th call of one
 * method (or of any, key '*') throws once, like a quota or service error; or
 * after N calls the execution stops, every later call throwing, as when
 * Google ends a script at 6 minutes (nothing after that point may land).
 */
export class CallLog {
  readonly counts: Record<string, number> = {};
  private failure: { key: string; left: number } | undefined;
  private stop: { left: number } | undefined;
  /** The simulated execution was stopped; every call throws until `newExecution`. */
  killed = false;
  /** When set, every call's key in order (to find where a run's writes start). */
  trace: string[] | undefined;
  /** Called on every call that goes through (the modelled clock advances here). */
  onCall: ((key: string) => void) | undefined;

  hit(key: string): void {
    if (this.killed) throw new Error(KILLED_MESSAGE);
    if (this.stop && --this.stop.left < 0) {
      this.killed = true;
      this.stop = undefined;
      throw new Error(KILLED_MESSAGE);
    }
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.trace?.push(key);
    this.onCall?.(key);
    const f = this.failure;
    if (f && (f.key === '*' || f.key === key) && --f.left === 0) {
      this.failure = undefined;
      throw new Error(`Exception: Service Spreadsheets failed while accessing document (fault injected at ${key}).`);
    }
  }
  /** The k-th call (1-based, counted from now) of `key`, or of any method for '*', throws once. */
  failAt(key: string, k: number): void {
    this.failure = { key, left: k };
  }
  /** After `n` more calls (any method) the execution stops. */
  stopAfter(n: number): void {
    this.stop = { left: n };
  }
  /** A new execution: a stopped one is over, faults not yet hit are dropped. */
  newExecution(): void {
    this.killed = false;
    this.stop = undefined;
    this.failure = undefined;
  }
  get(key: string): number {
    return this.counts[key] ?? 0;
  }
  /** Sum over keys; a key ending in '.*' matches a whole type. */
  sum(...keys: string[]): number {
    return Object.entries(this.counts)
      .filter(([k]) => keys.some((p) => (p.endsWith('.*') ? k.startsWith(p.slice(0, -1)) : k === p)))
      .reduce((n, [, v]) => n + v, 0);
  }
  total(): number {
    return this.sum(...Object.keys(this.counts));
  }
  reset(): void {
    for (const k of Object.keys(this.counts)) delete this.counts[k];
  }
}

/** Property names test tooling may probe on any object (promise checks, matchers). */
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@']);

/**
 * Wraps a fake so every method call is counted as `type.method` and reading
 * an unmodelled property throws. Methods run on the raw object, so a fake's
 * internal calls to itself are not counted.
 */
export function service<T extends object>(type: string, target: T, log: CallLog): T {
  return new Proxy(target, {
    get(obj, prop) {
      if (typeof prop === 'symbol') return Reflect.get(obj, prop);
      if (!(prop in obj)) {
        if (PROBES.has(prop)) return undefined;
        throw new Error(`fake ${type}.${prop} is not implemented`);
      }
      const value = Reflect.get(obj, prop);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        log.hit(`${type}.${prop}`);
        return Reflect.apply(value, obj, args);
      };
    },
    set(_obj, prop) {
      throw new Error(`fake ${type}.${String(prop)} is read-only`);
    },
  });
}

/** Cross-realm: Dates made inside node:vm fail `instanceof Date` here. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function isEmpty(c: StoredCell | undefined): boolean {
  return c === undefined || c === '';
}

/** What Sheets stores for a value passed to setValues. */
function store(v: unknown, timeZone: string): StoredCell {
  if (v === null || v === '') return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`fake Sheets: cannot store ${v}`);
    return v;
  }
  if (typeof v === 'boolean') return v;
  if (isDate(v)) return new Date(v.getTime());
  if (typeof v !== 'string') throw new Error(`fake Sheets: cannot store ${Object.prototype.toString.call(v)}`);
  // Like typing into a cell: a leading apostrophe forces text and is dropped.
  if (v.startsWith("'")) return v.slice(1);
  const t = v.trim();
  if (/^[=+-]/.test(t) && t.length > 1 && !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return { formula: t };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (d) return instantOfWallClock(Date.UTC(+d[1], +d[2] - 1, +d[3]), timeZone);
  return v;
}

/** An initial cell, stored verbatim. */
function given(v: unknown): StoredCell {
  if (v === null || v === undefined) return '';
  if (isDate(v)) return new Date(v.getTime());
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new Error(`fake Sheets: cannot hold ${Object.prototype.toString.call(v)}`);
}

/** What getValues hands out for a stored cell. */
function load(c: StoredCell | undefined): unknown {
  if (c === undefined) return '';
  if (isDate(c)) return new Date(c.getTime());
  if (typeof c === 'object') return '#ERROR!';
  return c;
}

/** The instant showing wall clock `wallMs` in `tz` (test-side; the adapter has its own). */
export function instantOfWallClock(wallMs: number, tz: string): Date {
  const off = (t: number) => instantToWallClock(new Date(t), tz).getTime() - t;
  return new Date(wallMs - off(wallMs - off(wallMs)));
}

export class FakeSheet {
  /** Sparse rows of stored cells (0-based). */
  cells: StoredCell[][] = [];
  hidden = false;
  maxRows: number;
  maxCols: number;

  constructor(
    readonly env: FakeEnv,
    public name: string,
    initial: unknown[][] = [],
  ) {
    // Taken as the operator left them: Dates are instants, strings verbatim.
    initial.forEach((row, r) => row.forEach((v, c) => this.put(r, c, given(v))));
    this.maxRows = Math.max(1000, initial.length);
    this.maxCols = Math.max(26, ...initial.map((r) => r.length));
  }

  put(r: number, c: number, v: StoredCell): void {
    (this.cells[r] ??= [])[c] = v;
  }

  lastRow(): number {
    for (let r = this.cells.length - 1; r >= 0; r--) if (this.cells[r]?.some((c) => !isEmpty(c))) return r + 1;
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.cells) row?.forEach((c, i) => !isEmpty(c) && (last = Math.max(last, i + 1)));
    return last;
  }

  /** The grid as stored (uncounted), trimmed to the data range; empty cells as ''. */
  raw(): StoredCell[][] {
    const rows = this.lastRow();
    const cols = this.lastColumn();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.cells[r]?.[c] ?? ''));
  }

  // ---- Apps Script Sheet API ----
  getName(): string {
    return this.name;
  }
  getDataRange(): unknown {
    return this.range(1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
  }
  getRange(row: number, col: number, numRows: number, numCols: number): unknown {
    if (typeof row !== 'number' || numCols === undefined) {
      throw new Error('fake Sheet.getRange: only (row, column, numRows, numColumns) is modelled');
    }
    return this.range(row, col, numRows, numCols);
  }
  getLastRow(): number {
    return this.lastRow();
  }
  getLastColumn(): number {
    return this.lastColumn();
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxCols;
  }
  insertRowsAfter(after: number, howMany: number): unknown {
    if (after !== this.maxRows) throw new Error('fake Sheet.insertRowsAfter: only appending is modelled');
    this.env.checkGrowth(howMany * this.maxCols);
    this.maxRows += howMany;
    return this.env.wrapSheet(this);
  }
  insertColumnsAfter(after: number, howMany: number): unknown {
    if (after !== this.maxCols) throw new Error('fake Sheet.insertColumnsAfter: only appending is modelled');
    if (this.maxCols + howMany > GOOGLE_MAX_COLUMNS) throw new Error(`Exception: This action would increase the number of columns in the sheet above the limit of ${GOOGLE_MAX_COLUMNS}.`);
    this.env.checkGrowth(howMany * this.maxRows);
    this.maxCols += howMany;
    return this.env.wrapSheet(this);
  }
  /** Like Google: rows and their cells go, later rows move up; a tab keeps at least one row. */
  deleteRows(position: number, howMany: number): unknown {
    if (!Number.isInteger(position) || !Number.isInteger(howMany) || position < 1 || howMany < 1 || position + howMany - 1 > this.maxRows) {
      throw new Error('Exception: Those rows are out of bounds.');
    }
    if (howMany >= this.maxRows) throw new Error("Exception: You can't delete all the rows on the sheet.");
    if (this.maxRows - howMany <= this.layout.frozenRows) throw new Error('Exception: Sorry, it is not possible to delete all non-frozen rows.');
    this.cells.splice(position - 1, howMany);
    this.layout.deleteRows(position, howMany);
    this.maxRows -= howMany;
    return this.env.wrapSheet(this);
  }
  deleteColumns(position: number, howMany: number): unknown {
    if (!Number.isInteger(position) || !Number.isInteger(howMany) || position < 1 || howMany < 1 || position + howMany - 1 > this.maxCols) {
      throw new Error('Exception: Those columns are out of bounds.');
    }
    if (howMany >= this.maxCols) throw new Error("Exception: You can't delete all the columns on the sheet.");
    for (const row of this.cells) row?.splice(position - 1, howMany);
    this.layout.deleteColumns(position, howMany);
    this.maxCols -= howMany;
    return this.env.wrapSheet(this);
  }
  /** Cells this tab's grid counts against the spreadsheet's limit. */
  gridCells(): number {
    return this.maxRows * this.maxCols;
  }
  activate(): unknown {
    this.env.activeSheet = this;
    return this.env.wrapSheet(this);
  }
  clearContents(): unknown {
    this.env.failIfAsked('Sheet.clearContents');
    this.cells = [];
    return this.env.wrapSheet(this);
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  // Like Google: hiding the last visible tab throws; hiding the active tab moves the operator to a visible one.
  hideSheet(): unknown {
    this.env.failIfAsked('Sheet.hideSheet');
    if (!this.hidden && !this.env.sheets.some((s) => s !== this && !s.hidden)) {
      throw new Error("Exception: You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    if (this.env.active() === this) this.env.activeSheet = this.env.sheets.find((s) => !s.hidden);
    return this.env.wrapSheet(this);
  }
  /** Embedded charts, as the builder left them (newChart → as…Chart → addRange/setOption/setPosition → build → insertChart). */
  charts: FakeChart[] = [];
  getCharts(): unknown[] {
    return [...this.charts];
  }
  removeChart(chart: FakeChart): void {
    this.charts = this.charts.filter((c) => c !== chart);
  }
  insertChart(chart: FakeChart): void {
    this.env.failIfAsked('Sheet.insertChart');
    if (!(chart instanceof FakeChart)) throw new Error('fake Sheet.insertChart: not a built chart');
    this.charts.push(chart);
  }
  newChart(): unknown {
    const chart = new FakeChart();
    const sheet = this;
    const builder: Record<string, (...a: unknown[]) => unknown> = {
      asColumnChart: () => ((chart.type = 'column'), wrapped),
      asBarChart: () => ((chart.type = 'bar'), wrapped),
      asLineChart: () => ((chart.type = 'line'), wrapped),
      asPieChart: () => ((chart.type = 'pie'), wrapped),
      addRange: (range) => {
        const r = range as FakeRange;
        if (r.sheet !== sheet) throw new Error('fake EmbeddedChartBuilder.addRange: range from another sheet');
        chart.ranges.push({ row: r.row, column: r.col, rows: r.numRows, columns: r.numCols });
        return wrapped;
      },
      setNumHeaders: (n) => ((chart.numHeaders = n as number), wrapped),
      setOption: (k, v) => ((chart.options[k as string] = v), wrapped),
      setPosition: (row, col) => ((chart.position = { row: row as number, column: col as number }), wrapped),
      build: () => chart,
    };
    const wrapped = service('EmbeddedChartBuilder', builder, this.env.calls);
    return wrapped;
  }
  showSheet(): unknown {
    this.hidden = false;
    return this.env.wrapSheet(this);
  }
  /** Sheet protection (only whole-sheet protections are modelled). */
  protection: FakeProtection | undefined;
  protect(): unknown {
    // Google starts a protection with the owner and the current user as editors.
    this.protection ??= new FakeProtection(this.env, [this.env.owner, this.env.email].filter((e) => e !== ''));
    return service('Protection', this.protection, this.env.calls);
  }
  getProtections(type: string): unknown[] {
    if (type !== 'SHEET') throw new Error(`fake Sheet.getProtections: only ProtectionType.SHEET is modelled, got ${type}`);
    return this.protection ? [service('Protection', this.protection, this.env.calls)] : [];
  }

  // ---- Layout (widths, frozen rows, formats, filter, conditional formats): state in fake-layout.ts ----
  readonly layout = new FakeSheetLayout();
  setColumnWidths(start: number, count: number, width: number): unknown {
    this.env.failIfAsked('Sheet.setColumnWidths');
    if (![start, count, width].every(Number.isInteger) || start < 1 || count < 1 || width < 0) throw new Error(`fake Sheet.setColumnWidths: bad arguments (${start}, ${count}, ${width})`);
    if (start + count - 1 > this.maxCols) throw new Error('Exception: Those columns are out of bounds.');
    for (let c = start; c < start + count; c++) this.layout.widths.set(c, width);
    return this.env.wrapSheet(this);
  }
  setColumnWidth(column: number, width: number): unknown {
    return this.setColumnWidths(column, 1, width);
  }
  getColumnWidth(column: number): number {
    return this.layout.widths.get(column) ?? 100;
  }
  /** Modelled strictly: at least one row must stay unfrozen (the adapter never asks for more). */
  setFrozenRows(rows: number): unknown {
    if (!Number.isInteger(rows) || rows < 0) throw new Error(`fake Sheet.setFrozenRows: bad count ${rows}`);
    if (rows > 0 && rows >= this.maxRows) throw new Error('Exception: Sorry, it is not possible to freeze all rows of the sheet.');
    this.layout.frozenRows = rows;
    return this.env.wrapSheet(this);
  }
  getFrozenRows(): number {
    return this.layout.frozenRows;
  }
  getRangeList(a1s: string[]): unknown {
    if (!Array.isArray(a1s) || a1s.length === 0) throw new Error('fake Sheet.getRangeList: expects a non-empty array of A1 notations');
    return service('RangeList', new FakeRangeList(this, a1s.map((x) => this.inGrid(parseA1(x)))), this.env.calls);
  }
  getFilter(): unknown {
    return this.layout.filter ? service('Filter', new FakeFilter(this), this.env.calls) : null;
  }
  getConditionalFormatRules(): unknown[] {
    return this.layout.rules.map((r) => service('ConditionalFormatRule', new FakeRule(this, r), this.env.calls));
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this.env.failIfAsked('Sheet.setConditionalFormatRules');
    if (!Array.isArray(rules) || !rules.every((r) => r instanceof FakeRule)) throw new Error('fake Sheet.setConditionalFormatRules: expects built rules');
    this.layout.rules = (rules as FakeRule[]).map((r) => {
      if (r.data.ranges.length === 0) throw new Error('Exception: A conditional format rule must have at least one range.');
      return { ...r.data, ranges: r.data.ranges.map((b) => ({ ...b })) };
    });
  }
  /** Throws like Google for a box outside the grid. */
  inGrid(b: Box): Box {
    if (b.row + b.numRows - 1 > this.maxRows || b.col + b.numCols - 1 > this.maxCols) throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    return b;
  }

  private range(row: number, col: number, numRows: number, numCols: number): unknown {
    if (![row, col, numRows, numCols].every(Number.isInteger) || row < 1 || col < 1 || numRows < 1 || numCols < 1) {
      throw new Error(`fake Sheet.getRange: bad range (${row}, ${col}, ${numRows}, ${numCols})`);
    }
    if (row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxCols) {
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    }
    return service('Range', new FakeRange(this, row, col, numRows, numCols), this.env.calls);
  }
}

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {}

  getValues(): unknown[][] {
    this.sheet.env.cellsRead += this.numRows * this.numCols;
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numCols }, (_, c) => load(this.sheet.cells[this.row - 1 + r]?.[this.col - 1 + c])),
    );
  }
  setValues(values: unknown[][]): unknown {
    this.sheet.env.failIfAsked('Range.setValues');
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new Error(`Exception: The number of rows in the data does not match the number of rows in the range. The data has ${values?.length} but the range has ${this.numRows}.`);
    }
    for (const row of values) {
      if (!Array.isArray(row) || row.length !== this.numCols) {
        throw new Error(`Exception: The number of columns in the data does not match the number of columns in the range. The data has ${row?.length} but the range has ${this.numCols}.`);
      }
      if (row.some((v) => v === undefined)) throw new Error('fake Range.setValues: undefined cell');
      for (const v of row) {
        if (typeof v === 'string' && v.replace(/^'/, '').length > GOOGLE_MAX_CELL_CHARS) {
          throw new Error(`Exception: Your input contains more than the maximum of ${GOOGLE_MAX_CELL_CHARS} characters in a single cell.`);
        }
      }
    }
    this.sheet.env.cellsWritten += this.numRows * this.numCols;
    for (const row of values) for (const v of row) if (typeof v === 'string') this.sheet.env.charsWritten += v.length;
    this.sheet.env.timeMs += this.numRows * this.numCols * this.sheet.env.msPerCellWritten;
    const tz = this.sheet.env.timeZone;
    values.forEach((row, r) => row.forEach((v, c) => this.sheet.put(this.row - 1 + r, this.col - 1 + c, store(v, tz))));
    return this.sheet.env.wrapRange(this);
  }
  clearContent(): unknown {
    this.sheet.env.failIfAsked('Range.clearContent');
    for (let r = 0; r < this.numRows; r++) for (let c = 0; c < this.numCols; c++) this.sheet.put(this.row - 1 + r, this.col - 1 + c, '');
    return this.sheet.env.wrapRange(this);
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numCols;
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.col;
  }
  getA1Notation(): string {
    return a1(this.box());
  }
  box(): Box {
    return { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }
  setNumberFormat(format: string): unknown {
    return this.formatted({ numberFormat: String(format) });
  }
  setFontWeight(weight: string | null): unknown {
    return this.formatted({ fontWeight: weight === null ? 'normal' : String(weight) });
  }
  setWrap(wrap: boolean): unknown {
    return this.formatted({ wrap: !!wrap });
  }
  private formatted(f: CellFormat): unknown {
    this.sheet.env.failIfAsked('Range.format');
    this.sheet.layout.format(this.box(), f);
    return this.sheet.env.wrapRange(this);
  }
  /** Like Google: one filter per sheet. */
  createFilter(): unknown {
    this.sheet.env.failIfAsked('Range.createFilter');
    if (this.sheet.layout.filter) throw new Error('Exception: You can\'t create a filter in a sheet that already has a filter.');
    this.sheet.layout.filter = this.box();
    return service('Filter', new FakeFilter(this.sheet), this.sheet.env.calls);
  }
}

/** Sheet.getRangeList: the same setting on several ranges in one call. */
export class FakeRangeList {
  constructor(
    readonly sheet: FakeSheet,
    readonly boxes: Box[],
  ) {}
  private each(f: CellFormat): unknown {
    this.sheet.env.failIfAsked('RangeList.format');
    for (const b of this.boxes) this.sheet.layout.format(b, f);
    return service('RangeList', this, this.sheet.env.calls);
  }
  setNumberFormat(format: string): unknown {
    return this.each({ numberFormat: String(format) });
  }
  setFontWeight(weight: string | null): unknown {
    return this.each({ fontWeight: weight === null ? 'normal' : String(weight) });
  }
  setWrap(wrap: boolean): unknown {
    return this.each({ wrap: !!wrap });
  }
  getRanges(): unknown[] {
    return this.boxes.map((b) => this.sheet.env.wrapRange(new FakeRange(this.sheet, b.row, b.col, b.numRows, b.numCols)));
  }
}

/** The sheet's filter (criteria are not modelled: Fenceng only creates and removes it). */
export class FakeFilter {
  constructor(readonly sheet: FakeSheet) {}
  private current(): Box {
    if (!this.sheet.layout.filter) throw new Error('Exception: The filter was removed.');
    return this.sheet.layout.filter;
  }
  getRange(): unknown {
    const b = this.current();
    return this.sheet.env.wrapRange(new FakeRange(this.sheet, b.row, b.col, b.numRows, b.numCols));
  }
  remove(): void {
    this.sheet.env.failIfAsked('Filter.remove');
    this.current();
    this.sheet.layout.filter = undefined;
  }
}

/** A built conditional-format rule (only "text is exactly … → background" is modelled). */
export class FakeRule {
  constructor(
    readonly sheet: FakeSheet | undefined,
    readonly data: { text: string; background: string; ranges: Box[] },
  ) {}
  getRanges(): unknown[] {
    const s = this.sheet;
    if (!s) return [];
    return this.data.ranges.map((b) => s.env.wrapRange(new FakeRange(s, b.row, b.col, b.numRows, b.numCols)));
  }
}

/** SpreadsheetApp.newConditionalFormatRule(): whenTextEqualTo, setBackground, setRanges, build. */
function ruleBuilder(env: FakeEnv): unknown {
  const spec: { text?: string; background?: string; ranges: FakeRange[] } = { ranges: [] };
  const b: Record<string, (...a: unknown[]) => unknown> = {
    whenTextEqualTo: (text) => ((spec.text = String(text)), wrapped),
    setBackground: (color) => ((spec.background = String(color)), wrapped),
    setRanges: (ranges) => {
      if (!Array.isArray(ranges)) throw new Error('fake ConditionalFormatRuleBuilder.setRanges: expects an array of ranges');
      spec.ranges = ranges as FakeRange[];
      return wrapped;
    },
    build: () => {
      if (spec.text === undefined || spec.background === undefined) throw new Error('fake ConditionalFormatRuleBuilder.build: only whenTextEqualTo + setBackground is modelled');
      const sheets = new Set(spec.ranges.map((r) => r.sheet));
      if (sheets.size > 1) throw new Error('fake ConditionalFormatRuleBuilder.build: ranges from several sheets');
      // Fields, not box(): reading a range's coordinates is no service call.
      const ranges = spec.ranges.map((r) => ({ row: r.row, col: r.col, numRows: r.numRows, numCols: r.numCols }));
      return service('ConditionalFormatRule', new FakeRule([...sheets][0], { text: spec.text, background: spec.background, ranges }), env.calls);
    },
  };
  const wrapped = service('ConditionalFormatRuleBuilder', b, env.calls);
  return wrapped;
}

export class FakeChart {
  type = '';
  ranges: Array<{ row: number; column: number; rows: number; columns: number }> = [];
  numHeaders: number | undefined;
  options: Record<string, unknown> = {};
  position: { row: number; column: number } | undefined;
}

/** A sheet's protection: who may edit, like Google's (owner and current user cannot be removed). */
export class FakeProtection {
  description = '';
  warningOnly = false;
  domainEdit = true;

  constructor(
    readonly env: FakeEnv,
    public editors: string[],
  ) {}

  private add(emails: string[]): void {
    for (const raw of emails) {
      const e = String(raw).toLowerCase();
      if (this.env.refusedEditors.has(e)) throw new Error(`Exception: ${e} cannot be added: sharing outside the domain is not allowed.`);
      if (!this.editors.includes(e)) this.editors.push(e);
    }
  }
  private drop(emails: string[]): void {
    const keep = new Set([this.env.owner, this.env.email].filter((e) => e !== ''));
    this.editors = this.editors.filter((e) => keep.has(e) || !emails.map((x) => String(x).toLowerCase()).includes(e));
  }
  addEditor(email: string): unknown {
    this.add([email]);
    return service('Protection', this, this.env.calls);
  }
  addEditors(emails: string[]): unknown {
    this.add(emails);
    return service('Protection', this, this.env.calls);
  }
  removeEditor(email: string): unknown {
    this.drop([email]);
    return service('Protection', this, this.env.calls);
  }
  removeEditors(emails: string[]): unknown {
    this.drop(emails);
    return service('Protection', this, this.env.calls);
  }
  getEditors(): unknown[] {
    return this.editors.map((e) => service('User', { getEmail: () => e }, this.env.calls));
  }
  setDescription(d: string): unknown {
    this.description = String(d);
    return service('Protection', this, this.env.calls);
  }
  getDescription(): string {
    return this.description;
  }
  setWarningOnly(w: boolean): unknown {
    this.warningOnly = !!w;
    return service('Protection', this, this.env.calls);
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  canDomainEdit(): boolean {
    return this.domainEdit;
  }
  setDomainEdit(d: boolean): unknown {
    this.domainEdit = !!d;
    return service('Protection', this, this.env.calls);
  }
}

export interface MenuRecord {
  title: string;
  items: Array<{ caption: string; functionName: string } | 'separator'>;
}

/** One fake Apps Script world: a spreadsheet, its UI, lock and session. */
export class FakeEnv {
  readonly calls = new CallLog();
  readonly sheets: FakeSheet[] = [];
  timeZone: string;
  locale: string;
  email: string;
  addonName: string;
  readonly toasts: Array<{ message: string; title?: string; timeout?: number }> = [];
  readonly alerts: Array<{ title?: string; message: string; buttons?: string }> = [];
  /** What the person clicks in the next alerts (Button names); when none is queued: OK, or CLOSE for a question. */
  readonly alertAnswers: string[] = [];
  owner: string;
  /** The spreadsheet's editors (lower case), the owner first. */
  readonly editors: string[] = [];
  /** Addresses the domain refuses as editors (protection and sharing throw for them). */
  readonly refusedEditors = new Set<string>();
  readonly menus: MenuRecord[] = [];
  /** HTML files in the script project, by name without .html (HtmlService.createHtmlOutputFromFile). */
  readonly htmlFiles = new Map<string, string>();
  /** Sidebars shown, in order. */
  readonly sidebars: FakeHtmlOutput[] = [];
  /** The tab the operator is looking at (the first one unless set). */
  activeSheet: FakeSheet | undefined;
  /** False simulates a trigger: getUi() throws. */
  uiAvailable = true;
  /** Another execution holds the document lock. */
  lockBusy = false;
  lockHeld = false;
  readonly lockWaits: number[] = [];
  /** "Type.method" names that should throw when called (e.g. a quota error mid-write). */
  readonly failures = new Set<string>();
  readonly properties = { document: new Map<string, string>(), script: new Map<string, string>(), user: new Map<string, string>() };

  constructor(opts: FakeOptions = {}) {
    this.calls.onCall = () => void (this.timeMs += this.msPerCall);
    this.timeZone = opts.timeZone ?? 'Asia/Shanghai';
    this.locale = opts.locale ?? 'zh_CN';
    this.email = opts.email ?? '';
    this.addonName = opts.addonName ?? '分层管理';
    this.owner = (opts.owner ?? 'owner@example.com').toLowerCase();
    this.editors.push(this.owner);
    for (const [name, grid] of Object.entries(opts.sheets ?? {})) this.sheets.push(new FakeSheet(this, name, grid));
    for (const name of opts.hiddenSheets ?? []) this.sheet(name).hidden = true;
    for (const [name, [rows, cols]] of Object.entries(opts.grids ?? {})) {
      const s = this.sheet(name);
      s.maxRows = Math.max(s.maxRows, rows);
      s.maxCols = Math.max(s.maxCols, cols);
    }
  }

  /** Undefined only in a fake with no sheets (Google always keeps one). */
  active(): FakeSheet | undefined {
    return this.activeSheet && this.sheets.includes(this.activeSheet) ? this.activeSheet : this.sheets[0];
  }

  /**
   * The modelled clock (ms since the epoch) that `clockDate(env)` shows the
   * code under test: it advances `msPerCall` on every service call and
   * `msPerCellWritten` per cell a setValues writes, so a run can be made to
   * pass its own time budget deterministically.
   */
  timeMs = Date.UTC(2026, 10, 26, 4);
  msPerCall = 0;
  msPerCellWritten = 0;
  /** Time-driven triggers the script has created (ScriptApp). */
  readonly triggers: FakeTrigger[] = [];
  private nextTriggerId = 1;

  /** Cells passed to setValues / handed out by getValues, summed over calls. */
  cellsWritten = 0;
  cellsRead = 0;
  /** Characters of text passed to setValues (the journal writes few cells but many characters). */
  charsWritten = 0;

  /** Sum over tabs of max rows × max columns: what Google counts against the 10 M limit. */
  gridCells(): number {
    return this.sheets.reduce((n, s) => n + s.gridCells(), 0);
  }

  /** Google refuses any change that takes the spreadsheet past its cell limit. */
  checkGrowth(added: number): void {
    if (this.gridCells() + added > GOOGLE_MAX_CELLS) {
      throw new Error(`Exception: This action would increase the number of cells in the workbook above the limit of ${GOOGLE_MAX_CELLS} cells.`);
    }
  }

  /** The next execution: a stopped one is over, and its lock died with it. */
  newExecution(): void {
    this.calls.newExecution();
    this.lockHeld = false;
  }

  failIfAsked(key: string): void {
    if (this.failures.has(key)) throw new Error(`Exception: Service Spreadsheets failed while accessing document (${key}).`);
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`test: no fake sheet ${name}`);
    return s;
  }

  wrapSheet(s: FakeSheet): GoogleAppsScript.Spreadsheet.Sheet {
    return service('Sheet', s, this.calls) as unknown as GoogleAppsScript.Spreadsheet.Sheet;
  }
  wrapRange(r: FakeRange): GoogleAppsScript.Spreadsheet.Range {
    return service('Range', r, this.calls) as unknown as GoogleAppsScript.Spreadsheet.Range;
  }

  /** The active spreadsheet, typed as Google's for code under test. */
  get spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const env = this;
    const ss = {
      getSheets: () => env.sheets.map((s) => env.wrapSheet(s)),
      getSheetByName: (name: string) => {
        const s = env.sheets.find((x) => x.name === name);
        return s ? env.wrapSheet(s) : null;
      },
      // Google inserts after the active sheet by default and activates the new one.
      insertSheet: (name: string, index?: number) => {
        if (typeof name !== 'string') throw new Error('fake Spreadsheet.insertSheet: only (name[, index]) is modelled');
        if (env.sheets.some((x) => x.name === name)) throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
        env.failIfAsked('Spreadsheet.insertSheet');
        env.checkGrowth(1000 * 26);
        const s = new FakeSheet(env, name);
        const current = env.active();
        const at = index ?? (current ? env.sheets.indexOf(current) + 1 : 0);
        if (!Number.isInteger(at) || at < 0 || at > env.sheets.length) throw new Error(`Exception: bad sheet index ${at}`);
        env.sheets.splice(at, 0, s);
        env.activeSheet = s;
        return env.wrapSheet(s);
      },
      getNumSheets: () => env.sheets.length,
      deleteSheet: (sheet: FakeSheet) => {
        const i = env.sheets.findIndex((x) => x.name === sheet.getName());
        if (i < 0) throw new Error('Exception: Sheet not found.');
        if (env.sheets.filter((x) => !x.hidden).length === 1 && !env.sheets[i].hidden) throw new Error("Exception: You can't remove all the sheets in a document.");
        const [gone] = env.sheets.splice(i, 1);
        if (env.activeSheet === gone) env.activeSheet = env.sheets.find((x) => !x.hidden);
      },
      getActiveSheet: () => {
        const a = env.active();
        return a ? env.wrapSheet(a) : null;
      },
      getSpreadsheetTimeZone: () => env.timeZone,
      setSpreadsheetTimeZone: (tz: string) => {
        env.timeZone = String(tz);
        return ss;
      },
      getEditors: () => env.editors.map((e) => service('User', { getEmail: () => e }, env.calls)),
      addEditor: (email: string) => ss.addEditors([email]),
      addEditors: (emails: string[]) => {
        for (const raw of emails) {
          const e = String(raw).toLowerCase();
          if (env.refusedEditors.has(e)) throw new Error(`Exception: ${e} cannot be added: sharing outside the domain is not allowed.`);
          if (!env.editors.includes(e)) env.editors.push(e);
        }
        return env.spreadsheet;
      },
      getName: () => 'Fake workbook',
      getId: () => 'fake-spreadsheet-id',
      toast: (message: string, title?: string, timeout?: number) => {
        env.toasts.push({ message: String(message), title, timeout });
      },
    };
    return service('Spreadsheet', ss, this.calls) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  private ui(): object {
    const env = this;
    const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
    const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
    const menu = (title: string) => {
      const record: MenuRecord = { title, items: [] };
      const m: object = service(
        'Menu',
        {
          addItem: (caption: string, functionName: string) => (record.items.push({ caption, functionName }), m),
          addSeparator: () => (record.items.push('separator'), m),
          addToUi: () => void env.menus.push(record),
        },
        env.calls,
      );
      return m;
    };
    return service(
      'Ui',
      {
        ButtonSet,
        Button,
        createAddonMenu: () => menu(env.addonName),
        createMenu: (title: string) => menu(title),
        showSidebar: (output: FakeHtmlOutput) => {
          if (!(output instanceof FakeHtmlOutput)) throw new Error('fake Ui.showSidebar: expects an HtmlOutput');
          env.sidebars.push(output);
        },
        alert: (...args: unknown[]) => {
          // alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons)
          const buttons = args.length >= 3 ? String(args[2]) : args.length === 2 ? String(args[1]) : ButtonSet.OK;
          if (args.length >= 3) env.alerts.push({ title: String(args[0]), message: String(args[1]), buttons });
          else env.alerts.push({ message: String(args[0]), buttons });
          return env.alertAnswers.shift() ?? (buttons === ButtonSet.OK ? Button.OK : Button.CLOSE);
        },
      },
      this.calls,
    );
  }

  /** The global services, to install in a vm context or on globalThis. */
  globals(): Record<string, unknown> {
    const env = this;
    const lock = service(
      'Lock',
      {
        tryLock: (ms: number) => {
          env.lockWaits.push(ms);
          if (env.lockBusy) return false;
          env.lockHeld = true;
          return true;
        },
        waitLock: (ms: number) => {
          env.lockWaits.push(ms);
          if (env.lockBusy) throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
          env.lockHeld = true;
        },
        hasLock: () => env.lockHeld,
        releaseLock: () => void (env.lockHeld = false),
      },
      this.calls,
    );
    const props = (store: Map<string, string>) =>
      service(
        'Properties',
        {
          getProperty: (k: string) => store.get(k) ?? null,
          setProperty: (k: string, v: string) => (store.set(k, String(v)), undefined),
          deleteProperty: (k: string) => void store.delete(k),
          getProperties: () => Object.fromEntries(store),
          setProperties: (o: Record<string, string>) => void Object.entries(o).forEach(([k, v]) => store.set(k, String(v))),
          getKeys: () => [...store.keys()],
          deleteAllProperties: () => void store.clear(),
        },
        this.calls,
      );
    return {
      SpreadsheetApp: service(
        'SpreadsheetApp',
        {
          getActiveSpreadsheet: () => env.spreadsheet,
          getActive: () => env.spreadsheet,
          getUi: () => {
            if (!env.uiAvailable) throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
            return env.ui();
          },
          flush: () => undefined,
          newConditionalFormatRule: () => ruleBuilder(env),
          ProtectionType: { SHEET: 'SHEET', RANGE: 'RANGE' },
        },
        this.calls,
      ),
      LockService: service('LockService', { getDocumentLock: () => lock }, this.calls),
      ScriptApp: service(
        'ScriptApp',
        {
          newTrigger: (handler: string) => {
            const spec = { handler: String(handler), afterMs: undefined as number | undefined };
            const timeBased = service(
              'ClockTriggerBuilder',
              {
                after: (ms: number) => ((spec.afterMs = ms), timeBased),
                create: () => {
                  if (spec.afterMs === undefined) throw new Error('fake ClockTriggerBuilder.create: only after(ms) is modelled');
                  if (env.triggers.length >= 20) throw new Error('Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.');
                  const t = new FakeTrigger(String(env.nextTriggerId++), spec.handler, env.timeMs + spec.afterMs);
                  env.triggers.push(t);
                  return service('Trigger', t, env.calls);
                },
              },
              env.calls,
            );
            return service('TriggerBuilder', { timeBased: () => timeBased }, env.calls);
          },
          getProjectTriggers: () => env.triggers.map((t) => service('Trigger', t, env.calls)),
          deleteTrigger: (t: FakeTrigger) => {
            const i = env.triggers.findIndex((x) => x.id === t.getUniqueId());
            if (i >= 0) env.triggers.splice(i, 1);
          },
        },
        this.calls,
      ),
      Session: service(
        'Session',
        {
          getActiveUserLocale: () => env.locale,
          getScriptTimeZone: () => 'Asia/Shanghai',
          getActiveUser: () => service('User', { getEmail: () => env.email }, env.calls),
        },
        this.calls,
      ),
      PropertiesService: service(
        'PropertiesService',
        {
          getDocumentProperties: () => props(env.properties.document),
          getScriptProperties: () => props(env.properties.script),
          getUserProperties: () => props(env.properties.user),
        },
        this.calls,
      ),
      Utilities: service('Utilities', { formatDate }, this.calls),
      HtmlService: service(
        'HtmlService',
        {
          createHtmlOutputFromFile: (name: string) => {
            const html = env.htmlFiles.get(String(name).replace(/\.html$/, ''));
            if (html === undefined) throw new Error(`Exception: No HTML file named ${name} was found.`);
            return new FakeHtmlOutput(html);
          },
          createHtmlOutput: (html?: string) => new FakeHtmlOutput(html ?? ''),
        },
        this.calls,
      ),
    };
  }

  /** Installs the services on globalThis for in-process tests; returns an undo. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const saved = Object.entries(this.globals()).map(([k, v]) => {
      const had = Object.prototype.hasOwnProperty.call(g, k);
      const old = g[k];
      g[k] = v;
      return () => (had ? (g[k] = old) : delete g[k]);
    });
    return () => saved.forEach((undo) => undo());
  }
}

/** Utilities.formatDate for yyyy MM dd HH mm ss and 'quoted' text. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const w = instantToWallClock(date, timeZone);
  const pad = (n: number, l = 2) => String(n).padStart(l, '0');
  const fields: Record<string, string> = {
    yyyy: pad(w.getUTCFullYear(), 4),
    MM: pad(w.getUTCMonth() + 1),
    dd: pad(w.getUTCDate()),
    HH: pad(w.getUTCHours()),
    mm: pad(w.getUTCMinutes()),
    ss: pad(w.getUTCSeconds()),
  };
  return pattern.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss|[A-Za-z]/g, (tok, quoted) => {
    if (quoted !== undefined) return quoted;
    if (tok in fields) return fields[tok];
    throw new Error(`fake Utilities.formatDate: pattern letter ${tok} is not modelled`);
  });
}

/** A time-driven trigger: which top-level function, and when it is due. */
export class FakeTrigger {
  constructor(
    readonly id: string,
    readonly handler: string,
    readonly dueMs: number,
  ) {}
  getHandlerFunction(): string {
    return this.handler;
  }
  getUniqueId(): string {
    return this.id;
  }
  getEventType(): string {
    return 'CLOCK';
  }
}

/** A `Date` for the code under test that reads the fake's modelled clock (`env.timeMs`) when asked for now. */
export function clockDate(env: FakeEnv): DateConstructor {
  class ClockDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(env.timeMs);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return env.timeMs;
    }
  }
  return ClockDate as unknown as DateConstructor;
}

/** HtmlService's HtmlOutput: content, title and what was appended. */
export class FakeHtmlOutput {
  private title = '';
  constructor(private content: string) {}
  setTitle(title: string): FakeHtmlOutput {
    this.title = String(title);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  append(more: string): FakeHtmlOutput {
    this.content += String(more);
    return this;
  }
  getContent(): string {
    return this.content;
  }
}

/**
 * The whole spreadsheet as plain data, for comparing two runs cell for cell:
 * tabs in order with their grid size, visibility, cells (Dates as ISO
 * instants), protection and charts.
 */
export function snapshot(env: FakeEnv): unknown[] {
  return env.sheets.map((s) => ({
    name: s.name,
    hidden: s.hidden,
    grid: [s.maxRows, s.maxCols],
    cells: s.raw().map((row) => row.map((c) => (isDate(c) ? c.toISOString() : c))),
    protection: s.protection && { editors: [...s.protection.editors].sort(), description: s.protection.description, warningOnly: s.protection.warningOnly, domainEdit: s.protection.domainEdit },
    charts: s.charts.map((c) => ({ type: c.type, ranges: c.ranges, options: c.options, position: c.position })),
    layout: s.layout.snapshot(s.maxCols),
  }));
}
