// `npm run audit`: known advisories in the dependency set, from the npm registry.
// Runtime dependencies (what the CLI and the Apps Script bundle run) must have none;
// dev tools (build, tests) none rated high or critical. Exit 0 clean, 1 advisories,
// 2 when the registry gave no answer (then nothing was checked: say so, never pass).
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function audit(args) {
  const run = spawnSync(npm, ['audit', '--json', ...args], { encoding: 'utf8', shell: process.platform === 'win32' });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = undefined;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) return { error: report?.message ?? report?.error?.summary ?? (run.stderr.trim() || 'no answer') };
  const names = Object.entries(report.vulnerabilities ?? {}).map(([name, v]) => `${name} (${v.severity}${v.fixAvailable ? '' : ', no fix'})`);
  return { counts, names };
}

const checks = [
  { label: '运行时依赖 / runtime dependencies', args: ['--omit=dev'], fails: (c) => c.total > 0 },
  { label: '全部依赖（含开发工具） / all dependencies (with dev tools)', args: [], fails: (c) => c.high + c.critical > 0 },
];
let code = 0;
for (const check of checks) {
  const r = audit(check.args);
  if (r.error) {
    console.log(`${check.label}: 无法查询漏洞公告，未检查 / advisories could not be fetched; not checked — ${r.error}`);
    code = Math.max(code, 2);
    continue;
  }
  const c = r.counts;
  console.log(`${check.label}: ${c.total} 条已知公告 / known advisories (critical ${c.critical}, high ${c.high}, moderate ${c.moderate}, low ${c.low})`);
  for (const n of r.names) console.log(`  - ${n}`);
  if (check.fails(c)) code = code === 2 ? 2 : 1;
}
process.exitCode = code;
