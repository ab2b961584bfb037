import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { NOW, runCli, sampleWorkbook, tempDir } from './helpers.js';

// Whole-workbook runs through xlsx: on a loaded shared machine 5 s is not enough (a limit, not an assertion on time).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const MANAGED = ['活跃层级', '贡献层级', '分层依据', '距下一层级', '分层状态', '计算时间'];

describe('fenceng recompute on a generated messy workbook', () => {
  let dir: string;
  let input: string;
  let inputBytes: Buffer;

  beforeAll(async () => {
    dir = tempDir();
    input = await sampleWorkbook(join(dir, '成员.xlsx'), 600, 42);
    inputBytes = readFileSync(input);
  });

  it('writes a new workbook with tier columns, overview and issues, and leaves the input as it was', async () => {
    const out = join(dir, 'out', 'result.xlsx');
    const run = await runCli('recompute', input, '--out', out, ...NOW, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.summary.members).toBeGreaterThan(550);
    expect(report.summary.notTiered).toBeGreaterThan(0); // the generator always adds missing/duplicate IDs
    expect(readFileSync(input).equals(inputBytes)).toBe(true);

    const wb = await XlsxWorkbook.open(out);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(['成员', '分层概览', '问题']));
    const members = wb.read('成员')!;
    // The sample has an Admins sheet, so 负责管理员 follows the tier columns.
    expect(members.header.slice(13)).toEqual([...MANAGED, '负责管理员', '积分余额']);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(['管理员', '管理员分配', '分层变动', '_fenceng_state']));
    const tiers = new Set(members.rows.map((r) => r[13]).filter(Boolean));
    expect(tiers).toEqual(new Set(['核心成员', '潜力成员', '沉默成员']));
    const issues = wb.read('问题')!;
    expect(issues.rows.length).toBe(report.summary.issues);
    expect(issues.rows.filter((r) => /缺少成员ID|重复成员ID/.test(String(r[5]))).length).toBe(report.summary.notTiered);
    // Leaves no temp files behind.
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--in-place twice with the same data changes nothing the second time', async () => {
    const file = join(dir, 'inplace.xlsx');
    copyFileSync(input, file);
    const first = await runCli('recompute', file, '--in-place', ...NOW, '--json');
    expect(first.code).toBe(0);
    const afterFirst = (await XlsxWorkbook.open(file)).read('成员')!;
    const second = await runCli('recompute', file, '--in-place', ...NOW, '--json');
    const summary = JSON.parse(second.out).summary;
    expect(summary.movedMembers).toBe(0);
    expect(summary.newMembers).toBe(0);
    const afterSecond = (await XlsxWorkbook.open(file)).read('成员')!;
    expect(afterSecond.header).toEqual(afterFirst.header);
    expect(afterSecond.rows).toEqual(afterFirst.rows);
  });

  it('--split-admins DIR also writes one workbook per active regular admin, matching their sheet', async () => {
    const out = join(dir, 'split', 'result.xlsx');
    const split = join(dir, 'split', 'admins');
    const run = await runCli('recompute', input, '--out', out, '--split-admins', split, ...NOW, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    const files = readdirSync(split).sort();
    expect(files.length).toBe(report.summary.admins.regularAdmins);
    expect(report.adminFiles).toHaveLength(files.length);
    const wb = await XlsxWorkbook.open(out);
    let total = 0;
    for (const f of files) {
      expect(f).toMatch(/^分配-.+\.xlsx$/);
      const one = await XlsxWorkbook.open(join(split, f));
      const name = f.slice(0, -5);
      expect(one.sheetNames()).toEqual([name]);
      expect(one.read(name)!.rows).toEqual(wb.read(name)!.rows);
      total += one.read(name)!.rows.length;
    }
    expect(total).toBe(report.summary.admins.assigned);
    // A dry run writes no admin files either.
    const dry = join(dir, 'split', 'dry');
    expect((await runCli('recompute', input, '--dry-run', '--split-admins', dry, ...NOW)).code).toBe(0);
    expect(existsSync(dry)).toBe(false);
  });

  it('--dry-run prints the summary and writes nothing', async () => {
    const out = join(dir, 'dry.xlsx');
    const run = await runCli('recompute', input, '--out', out, '--dry-run', ...NOW);
    expect(run.code).toBe(0);
    expect(run.out).toContain('预演');
    expect(existsSync(out)).toBe(false);
  });

  it('invalid rules: non-zero exit, the problem named, nothing written', async () => {
    const rules = join(dir, 'bad-rules');
    mkdirSync(rules);
    const activity = JSON.parse(readFileSync('rules/activity.json', 'utf8'));
    activity.rules[0].conditions.all[1].value = '七天';
    writeFileSync(join(rules, 'activity.json'), JSON.stringify(activity));
    writeFileSync(join(rules, 'contribution.json'), '{ "id": "contribution", ');
    const out = join(dir, 'never.xlsx');
    const run = await runCli('recompute', input, '--rules', rules, '--out', out, ...NOW);
    expect(run.code).toBe(1);
    expect(run.err).toContain('activity');
    expect(run.err).toContain('rules[0].conditions.all[1].value');
    expect(run.err).toContain('contribution.json');
    expect(run.err).toContain('JSON');
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(input).equals(inputBytes)).toBe(true);
  });

  it('rules/admins.json in a --rules folder is read as admin capacities, not as a rule set, and is validated', async () => {
    const rules = join(dir, 'admin-rules');
    mkdirSync(rules);
    for (const f of ['activity.json', 'contribution.json']) copyFileSync(join('rules', f), join(rules, f));
    writeFileSync(join(rules, 'admins.json'), JSON.stringify({ defaultCapacity: { core: 1, potential: 1, silent: 1 } }));
    const ok = await runCli('recompute', input, '--rules', rules, '--dry-run', ...NOW, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).summary.admins.unassigned).toBeGreaterThan(0); // tiny default capacities
    writeFileSync(join(rules, 'admins.json'), JSON.stringify({ defaultCapacity: { core: -1, potential: 1, silent: 1 } }));
    const bad = await runCli('check-rules', rules);
    expect(bad.code).toBe(1);
    expect(bad.out + bad.err).toContain('defaultCapacity.core');
  });

  it('a run that cannot write its output fails cleanly and leaves the input untouched', async () => {
    const blocker = join(dir, 'is-a-directory.xlsx');
    mkdirSync(blocker);
    const run = await runCli('recompute', input, '--out', blocker, ...NOW);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/未写入|nothing written/);
    expect(readFileSync(input).equals(inputBytes)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('explain --json gives the member facts and both placements', async () => {
    const wb = await XlsxWorkbook.open(input);
    const id = String(wb.read('成员')!.rows.find((r) => typeof r[0] === 'string' && r[0])![0]);
    const run = await runCli('explain', input, id, '--json', ...NOW);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(json.memberId).toBe(id);
    expect(Object.keys(json.facts)).toEqual(expect.arrayContaining(['memberId', 'lastActiveAt', 'comments30d', 'daysSinceActive', 'interactions30d']));
    for (const set of ['activity', 'contribution']) {
      expect(typeof json[set].tier).toBe('string');
      expect(json[set].explanation.length).toBeGreaterThan(3);
      expect(typeof json[set].progress).toBe('string');
    }
  });

  it('explain names an unknown member', async () => {
    const run = await runCli('explain', input, 'NOPE-1', ...NOW);
    expect(run.code).toBe(1);
    expect(run.err).toContain('NOPE-1');
  });
});

describe('fenceng recompute on other inputs', () => {
  it('reads a GB18030 CSV export and writes its results as .xlsx', async () => {
    const dir = tempDir();
    const csv = join(dir, '导出.csv');
    const text = '成员ID,昵称,最近活跃,近30天评论,近30天点赞,近30天转发\r\nA1,小鹿,2026年11月25日,1.2万,300,2\r\nA2,阿杰,2026/10/1,—,,\r\n';
    writeFileSync(csv, iconv.encode(text, 'gb18030'));
    const out = join(dir, 'result.xlsx');
    const run = await runCli('recompute', csv, '--out', out, ...NOW, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).format).toBe('csv (gb18030)');
    const members = (await XlsxWorkbook.open(out)).read('成员')!;
    expect(members.rows[0].slice(0, 2)).toEqual(['A1', '小鹿']);
    expect(members.rows[0][6]).toBe('核心成员');
    expect(members.rows[1][6]).toBe('沉默成员');
  });

  it('keeps the operator workbook features through the CLI', async () => {
    const dir = tempDir();
    const out = join(dir, 'fixture-out.xlsx');
    const run = await runCli('recompute', 'test/fixtures/operator-workbook.xlsx', '--out', out, ...NOW);
    expect(run.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(zip.file('xl/charts/chart1.xml')).not.toBeNull();
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('待跟进,已联系,勿打扰');
    expect(sheet).toContain('state="frozen"');
  });

  it('check-rules accepts the bundled rules and rejects a broken folder', async () => {
    expect((await runCli('check-rules')).code).toBe(0);
    const dir = tempDir();
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ id: 'x', label: { zh: 'x', en: 'x' }, hitPolicy: 'first', tiers: [{ id: 'a', zh: 'a', en: 'a' }], rules: [] }));
    const bad = await runCli('check-rules', dir);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('default');
  });

  it('unknown command is named, help goes to stderr, exit 2', async () => {
    const run = await runCli('frobnicate');
    expect(run.code).toBe(2);
    expect(run.err).toContain('Unknown command "frobnicate"');
    expect(run.err).toContain('fenceng recompute');
  });
});
