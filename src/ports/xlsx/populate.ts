import { createRequire } from 'node:module';
import { installXlsxPopulateFixes } from './populate-fixes.js';

/**
 * xlsx-populate, the library that writes: unlike SheetJS it keeps charts,
 * data validation, conditional formatting, comments, panes and other sheets.
 * Import it only from here, so the text-stays-text fixes are always in place.
 */

// CommonJS; require() gives the same instance in Node and vitest, whose internals the fixes patch.
const require = createRequire(import.meta.url);
export const XlsxPopulate: XpStatic = require('xlsx-populate');
installXlsxPopulateFixes(require);

// ------------------------------------- the slice of xlsx-populate we use

export interface XpStatic {
  fromDataAsync(data: Buffer): Promise<XpWorkbook>;
  fromBlankAsync(): Promise<XpWorkbook>;
}
export interface XpWorkbook {
  sheet(nameOrIndex: string | number): XpSheet | undefined;
  sheets(): XpSheet[];
  addSheet(name: string): XpSheet;
  deleteSheet(name: string): XpWorkbook;
  /** Moves a tab to an index (its new position). */
  moveSheet(name: string, index: number): XpWorkbook;
  outputAsync(): Promise<Buffer>;
  styleSheet(): XpStyleSheet;
}
export interface XpSheet {
  name(): string;
  name(name: string): XpSheet;
  /** True when hidden, 'very' when very hidden. */
  hidden(): boolean | 'very';
  /** Throws if this is the last visible sheet; moves the active tab off it. */
  hidden(hidden: boolean): XpSheet;
  cell(row: number, column: number): XpCell;
  usedRange(): { clear(): unknown } | undefined;
  forEachExistingRow(callback: (row: XpRow, rowNumber: number) => void): XpSheet;
  column(n: number): { width(w: number): unknown };
  freezePanes(xSplit: number, ySplit: number): XpSheet;
  range(r1: number, c1: number, r2: number, c2: number): { autoFilter(): unknown };
}
export interface XpRow {
  hasCell(column: number): boolean;
  cell(column: number): XpCell;
}
export interface XpCell {
  value(v: string | number | boolean): XpCell;
  clear(): XpCell;
  style(style: XpStyle): XpCell;
}
export interface XpStyle {
  style(name: string, value: unknown): XpStyle;
  /** Internal: the style's own <font> node. */
  _fontNode?: XmlNode;
}
export interface XpStyleSheet {
  createStyle(): XpStyle;
  /** Internal: the <fonts> node; font 0 is the workbook default. */
  _fontsNode?: XmlNode;
}

/** A node of xlsx-populate's parsed XML. */
export type XmlChild = XmlNode | string | number;
export interface XmlNode {
  name: string;
  attributes: Record<string, unknown>;
  children: XmlChild[];
}
