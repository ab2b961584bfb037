import type { ChartSpec } from '../../core/base/patch.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Embedded charts for a sheet Fenceng owns: the sheet's charts are removed
 * and the patch's drawn again, so a re-run never stacks duplicates. Uses the
 * chart builder's as…Chart() methods, which need no `Charts` global.
 */
export function drawCharts(sheet: Sheet, specs: ChartSpec[]): void {
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  for (const spec of specs) {
    const base = sheet.newChart();
    const typed =
      spec.type === 'line' ? base.asLineChart()
      : spec.type === 'pie' ? base.asPieChart()
      : spec.type === 'bar' ? base.asBarChart()
      : base.asColumnChart();
    const { row, column, rows, columns } = spec.range;
    let builder = typed
      .addRange(sheet.getRange(row, column, rows, columns))
      .setNumHeaders(1)
      .setOption('title', spec.title)
      .setPosition(spec.anchor.row, spec.anchor.column, 0, 0);
    if (spec.stacked) builder = builder.setOption('isStacked', true);
    sheet.insertChart(builder.build());
  }
}
