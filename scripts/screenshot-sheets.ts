/**
 * docs/sheet-*.png: how LibreOffice renders sheets of the sample's output
 * (the CLI's recompute of examples/members-sample.xlsx). For each picture a
 * throwaway copy of the output shows only that sheet (the others hidden),
 * landscape, fitted to the page width, a print area of its first rows and
 * chosen columns; LibreOffice headless turns it into a PDF, pdftoppm its
 * first page into the PNG. Run: node --import tsx scripts/screenshot-sheets.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

interface Shot {
  png: string;
  sheet: string;
  /** Columns shown, by header (row 1) or letter range; all when absent. */
  columns?: (headers: string[]) => number[];
  rows: number;
  /** Print scale, per cent. */
  scale?: number;
  /** Print area's last column letter. */
  lastColumn: string;
}

const dir = mkdtempSync(join(tmpdir(), 'fenceng-shots-'));
const out = join(dir, 'sample.xlsx');
execFileSync(process.execPath, ['bin/fenceng.js', 'recompute', 'examples/members-sample.xlsx', '--out', out, '--now', '2026-11-26'], { stdio: 'inherit' });
const source = readFileSync(out);

const upTo = (name: string) => (h: string[]) => h.map((_, i) => i + 1).filter((i) => i <= h.indexOf(name) + 1);
const shots: Shot[] = [
  { png: 'docs/sheet-members.png', sheet: '成员', rows: 36, scale: 70, lastColumn: 'M', columns: upTo('跟进状态') },
  {
    png: 'docs/sheet-members-tiers.png',
    sheet: '成员',
    rows: 36,
    scale: 70,
    lastColumn: 'Z',
    columns: (h) => h.map((_, i) => i + 1).filter((i) => i <= 2 || i > h.indexOf('跟进状态') + 1),
  },
  { png: 'docs/sheet-overview.png', sheet: '分层概览', rows: 60, lastColumn: 'L' },
  { png: 'docs/sheet-dashboard.png', sheet: '运营看板', rows: 66, scale: 60, lastColumn: 'P' },
];

const zip0 = await JSZip.loadAsync(source);
const book0 = await zip0.file('xl/workbook.xml')!.async('string');
const admin = [...book0.matchAll(/<sheet name="(分配-[^"]+)"/g)][0]?.[1];
if (admin) shots.push({ png: 'docs/sheet-admin.png', sheet: admin, rows: 36, scale: 70, lastColumn: 'P' });

for (const shot of shots) {
  const zip = await JSZip.loadAsync(source);
  let book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const tags = [...book.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]);
  const index = tags.findIndex((t) => t.includes(`name="${shot.sheet}"`));
  for (const [i, tag] of tags.entries()) {
    const plain = tag.replace(/\sstate="[^"]*"/, '');
    book = book.replace(tag, i === index ? plain : plain.replace(/\s*\/>$/, ' state="hidden"/>'));
  }
  book = book.replace(/activeTab="\d+"/, `activeTab="${index}"`).replace(/firstSheet="\d+"/, `firstSheet="${index}"`);
  const area = `<definedName name="_xlnm.Print_Area" localSheetId="${index}">'${shot.sheet}'!$A$1:$${shot.lastColumn}$${shot.rows}</definedName>`;
  book = book.replace(/<definedName name="_xlnm.Print_Area"[^>]*>[^<]*<\/definedName>/g, '');
  book = book.includes('<definedNames>') ? book.replace('<definedNames>', `<definedNames>${area}`) : book.replace('</sheets>', `</sheets><definedNames>${area}</definedNames>`);
  zip.file('xl/workbook.xml', book);

  const rid = /r:id="([^"]+)"/.exec(tags[index])![1];
  const target = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*>`).exec(rels)![0].match(/Target="([^"]+)"/)![1].replace(/^\/?(xl\/)?/, '');
  const part = `xl/${target}`;
  let xml = await zip.file(part)!.async('string');
  if (shot.columns) {
    const header = headersOf(xml, await zip.file('xl/sharedStrings.xml')?.async('string'));
    const shown = new Set(shot.columns(header));
    xml = hideColumns(xml, header.length, shown);
  }
  // A4 landscape, as an operator would print it.
  xml = xml.replace(/<pageSetup\b[^>]*\/>/, '');
  const setup = `<pageSetup paperSize="9" orientation="landscape" scale="${shot.scale ?? 100}"/>`;
  if (/<pageMargins\b[^>]*\/>/.test(xml)) xml = xml.replace(/(<pageMargins\b[^>]*\/>)/, `$1${setup}`);
  else {
    const at = xml.search(/<(drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|tableParts|extLst)\b|<\/worksheet>/);
    xml = xml.slice(0, at) + `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>${setup}` + xml.slice(at);
  }
  zip.file(part, xml);

  const copy = join(dir, 'shot.xlsx');
  writeFileSync(copy, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, copy], { stdio: 'ignore' });
  execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', join(dir, 'shot.pdf'), join(dir, 'shot')]);
  copyFileSync(join(dir, 'shot.png'), shot.png);
  console.log(`${shot.png} ← ${shot.sheet}`);
}
rmSync(dir, { recursive: true, force: true });

/** Row 1's texts (inline or shared strings), by column. */
function headersOf(xml: string, shared: string | undefined): string[] {
  const strings = [...(shared ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
  const row = /<row\b[^>]*\br="1"[^>]*>([\s\S]*?)<\/row>/.exec(xml)?.[1] ?? '';
  const out: string[] = [];
  for (const m of row.matchAll(/<c r="([A-Z]+)1"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const inner = m[3] ?? '';
    out[col - 1] = /t="s"/.test(m[2]) ? strings[Number(/<v>(\d+)<\/v>/.exec(inner)?.[1])] : (/<t[^>]*>([^<]*)<\/t>/.exec(inner)?.[1] ?? '');
  }
  return Array.from(out, (h) => h ?? '');
}

/** <cols> with one element per column up to `width`, those not in `shown` hidden. */
function hideColumns(xml: string, width: number, shown: Set<number>): string {
  const attrsOf = new Map<number, string>();
  for (const m of xml.matchAll(/<col\b([^>]*?)\/>/g)) {
    const min = Number(/min="(\d+)"/.exec(m[1])![1]);
    const max = Number(/max="(\d+)"/.exec(m[1])![1]);
    for (let c = min; c <= Math.min(max, width); c++) attrsOf.set(c, m[1].replace(/\s*(min|max)="\d+"/g, ''));
  }
  const cols = Array.from({ length: width }, (_, i) => {
    const c = i + 1;
    const a = attrsOf.get(c) ?? ' width="10"';
    return `<col min="${c}" max="${c}"${shown.has(c) ? a : `${a.replace(/\s*hidden="[^"]*"/, '')} hidden="1"`}/>`;
  }).join('');
  const block = `<cols>${cols}</cols>`;
  return /<cols>[\s\S]*?<\/cols>/.test(xml) ? xml.replace(/<cols>[\s\S]*?<\/cols>/, block) : xml.replace('<sheetData', `${block}<sheetData`);
}
