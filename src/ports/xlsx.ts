/**
 * The .xlsx workbook port. The pieces live in ./xlsx/:
 *   workbook.ts          XlsxWorkbook: ties reading and writing together, all-or-nothing apply
 *   zip.ts               the zip container: bounded inflate, untouched entries copied raw
 *   limits.ts            what a file may hold before it is refused, and the messages
 *   read.ts              reading with SheetJS: cells to values, date detection, real extent
 *   cjk-date-formats.ts  Chinese built-in date formats, declared for SheetJS
 *   excel-dates.ts       Excel serials ↔ wall-clock Dates (1900 and 1904 systems)
 *   write.ts             writing a patch: which parts change, cell values to XML
 *   sheet-rewrite.ts     one streaming pass over a sheet's XML, owned cells replaced
 *   book-parts.ts        workbook.xml sheet list, its relationships, content types
 *   styles.ts            date formats of cell styles; formats added once and reused
 *   cell-text.ts         text as valid XML 1.0, within Excel's 32,767 characters
 *   xml-scan.ts          a forward XML tag scanner that keeps the original text
 *   blank.ts             the empty package `create` starts from
 */
export { XlsxWorkbook } from './xlsx/workbook.js';
