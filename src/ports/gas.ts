/**
 * The Apps Script workbook port. The pieces live in ./gas/:
 *   workbook.ts      GasWorkbook: reads, and applies a patch in an order an interruption cannot spoil
 *   write-plan.ts    each sheet patch turned into a prepared write (values converted, sizes known)
 *   grid.ts          growing and trimming a tab's grid (Google counts grid cells, not filled cells)
 *   cell-sizes.ts    what the spreadsheet holds now, for the cell budget
 *   cells.ts         values to and from what setValues/getValues speak (literal text, dates)
 *   zone-offsets.ts  wall clock ↔ instant in the spreadsheet's time zone, cached per hour
 *   protect.ts       sheet protection for per-admin tabs
 *   charts.ts        embedded charts for Fenceng's own tabs
 *   layout.ts        widths, frozen header, formats, filter and tier colours, batched per sheet
 *   tab-order.ts     where a new tab goes in the planned tab order
 */
export { GasWorkbook } from './gas/workbook.js';
export { asLiteralText } from './gas/cells.js';
export { wallClockToInstant } from './gas/zone-offsets.js';
