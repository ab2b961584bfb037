import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const FIXTURES = 'test/fixtures/rule-analysis';

describe('fenceng check-rules: rule analysis', () => {
  it('reports each kind of finding; errors exit 1', async () => {
    const run = await runCli('check-rules', FIXTURES);
    expect(run.code).toBe(1);
    expect(run.out).toContain('规则分析：6 个错误，6 个警告，4 条提示 / Rule analysis: 6 errors, 6 warnings, 4 notes');
    expect(run.out).toContain('错误 error [unsat / 核心：评论多又少 @ rules[0]] 规则「核心：评论多又少」永远不会命中：近30天评论 ≥ 20 与 近30天评论 < 10 不能同时成立');
    expect(run.out).toContain('错误 error [shadowed / 潜力：近3天活跃且评论≥10 @ rules[1]]');
    expect(run.out).toContain('例：最近活跃 0 天前、近30天评论 10 → 「核心：近7天活跃且评论≥5」先命中');
    expect(run.out).toContain('错误 error [duplicate / 潜力：评论不少于20 @ rules[1]]');
    expect(run.out).toContain('警告 warning [unreachable @ tiers[3]] 层级「贵宾」不会有成员');
    expect(run.out).toContain('警告 warning [pointsCheck / 人人有份 @ rules[0]]');
    expect(run.out).toContain('错误 error [pointsCheck / 不可能的转发 @ rules[1]]');
    expect(run.out).toContain('提示 note [overlap / 潜力：7天内活跃 @ rules[1]]');
    expect(run.out).toContain('提示 note [everyone @ default]');
  });

  it('warnings and notes alone exit 0; --json carries the findings', async () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, 'overlap.json'), join(dir, 'overlap.json'));
    copyFileSync(join(FIXTURES, 'default-unused.json'), join(dir, 'default-unused.json'));
    const text = await runCli('check-rules', dir);
    expect(text.code).toBe(0);
    const json = await runCli('check-rules', dir, '--json');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.out);
    expect(out.ok).toBe(true);
    expect(out.findings.map((f: { kind: string; severity: string }) => `${f.severity}:${f.kind}`).sort()).toEqual(['info:default-unused', 'info:overlap', 'warning:unreachable-tier']);
    expect(out.findings.find((f: { kind: string }) => f.kind === 'overlap').example).toEqual({ daysSinceActive: 0, comments30d: 20 });
  });

  it('--json is not ok when the analysis finds an error', async () => {
    const json = JSON.parse((await runCli('check-rules', FIXTURES, '--json')).out);
    expect(json.ok).toBe(false);
    expect(json.problems).toEqual([]);
  });
});
