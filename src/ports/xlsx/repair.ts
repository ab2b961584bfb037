import JSZip from 'jszip';

/**
 * Package fixes made with JSZip before xlsx-populate loads a workbook, for
 * files that other tools write and xlsx-populate 1.21 mishandles.
 */

/**
 * xlsx-populate 1.21 crashes on empty inline-string cells as openpyxl writes
 * them (`<c r="L2" t="inlineStr"/>`, or with an empty `<is/>`). Dropping the
 * type gives a plain empty cell, which means the same thing. Only sheets that
 * need it are rewritten; the package is returned as-is otherwise.
 */
const EMPTY_INLINE_CELL = /<c\b([^>]*?)\s+t=(["'])inlineStr\2([^>]*?)\s*(?:\/>|>\s*<is\s*(?:\/>|>\s*<\/is>)\s*<\/c>)/g;

/** The bytes xlsx-populate can load safely; throws if it could not write them back safely. */
export async function repairForXlsxPopulate(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  await checkSheetParts(zip);
  let changed = false;
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    if (!xml.includes('inlineStr')) continue;
    const fixed = xml.replace(EMPTY_INLINE_CELL, '<c$1$3/>');
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  if (!changed) return bytes;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * xlsx-populate loads the i-th tab from `xl/worksheets/sheet{i+1}.xml`
 * regardless of the relationships. If a tool named the parts differently
 * (tabs reordered, chart sheets) it would write one tab's cells under another
 * tab's name, so refuse instead of corrupting the workbook.
 */
async function checkSheetParts(zip: JSZip): Promise<void> {
  const book = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!book || !rels) throw new Error('.xlsx 文件结构不完整 / The .xlsx package is incomplete');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, ''));
  }
  let i = 0;
  for (const m of book.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = /\s(?:\w+:)?id="([^"]*)"/.exec(m[0])?.[1] ?? '';
    i += 1;
    if (targets.get(id) !== `worksheets/sheet${i}.xml`) {
      throw new Error(
        '无法安全写入此工作簿（工作表文件顺序异常，可在 Excel/WPS 中另存一次后重试） / ' +
          'Cannot safely write this workbook (unusual sheet part layout; re-save it in Excel/WPS and retry)',
      );
    }
  }
}
