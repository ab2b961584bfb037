/**
 * 流失预警 through the built dist/Code.js in a bare vm with the fake
 * services: weekly runs on the fakes' clock, one member's interactions made
 * to fall, the sheet lists them and their admin's tab gets the task; the
 * history stays a few packed cells of the hidden state.
 */
import { describe, expect, it } from 'vitest';
import { useBuiltBundle } from './built-bundle.js';
import { clockDate, FakeEnv } from './fakes.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const bundle = useBuiltBundle();
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布'];
const TEAM = [
  ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'],
  ['陈总', '总负责人', 'chen@example.com', '', '是', '', '', ''],
  ['马丽', '普通管理员', 'ma@example.com', '陈总', '是', 50, 50, 50],
];

describe('流失预警 in Apps Script', () => {
  it('lists the member whose interactions fell, with the reason and the task on their admin sheet', async () => {
    const env = new FakeEnv({ sheets: { 成员: [HEADER], 管理员: TEAM }, timeZone: 'Asia/Shanghai' });
    const start = env.timeMs;
    for (let week = 0; week < 4; week++) {
      env.timeMs = start + week * WEEK;
      const members = env.sheet('成员');
      const fell = week === 3;
      const rows = [
        ['u1', '一号', new Date(env.timeMs - DAY), fell ? 5 : 30, fell ? 30 : 150, fell ? 5 : 20, 5],
        ['u2', '二号', new Date(env.timeMs - DAY), 30, 150, 20, 5],
        ['u3', '三号', new Date(env.timeMs - DAY), 30, 150, 20, 5],
      ];
      rows.forEach((r, i) => r.forEach((v, c) => members.put(i + 1, c, v as never)));
      env.newExecution();
      await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
      expect(env.alerts).toEqual([]);
    }
    const sheet = env.sheet('流失预警').raw();
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['u1']);
    expect(sheet[1][5]).toBe('近30天互动（评论+点赞+转发）从平均 200 降到 40（−80%，近 3 次运行）');
    expect(env.sheet('分配-马丽').raw().flat()).toContain('流失预警');
    const state = env.sheet('_fenceng_state').raw();
    expect(state.filter((r) => r[0] === 'activity')).toHaveLength(1);
  }, 60_000);
});
