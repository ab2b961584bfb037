/**
 * The .xlsx workbook port. The pieces live in ./xlsx/:
 *   workbook.ts          XlsxWorkbook: ties reading and writing together, all-or-nothing apply
 *   read.ts              reading with SheetJS: cells to values, date detection
 *   cjk-date-formats.ts  Chinese built-in date formats, declared for SheetJS
 *   excel-dates.ts       Excel serials ↔ wall-clock Dates (1900 and 1904 systems)
 *   repair.ts            JSZip fixes before xlsx-populate loads (empty inline strings, tab-order guard)
 *   populate.ts          xlsx-populate, loaded with its fixes, and the slice of its API we use
 *   populate-fixes.ts    xlsx-populate prototype patches (text stays text)
 *   write.ts             writing a patch with xlsx-populate (date styles, leftovers, hidden sheets)
 */
export { XlsxWorkbook } from './xlsx/workbook.js';
