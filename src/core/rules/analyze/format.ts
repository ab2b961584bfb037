/** One line per finding, for the command line and for messages that carry findings as text. */
import type { Finding, Severity } from './finding.js';

export const SEVERITY_LABEL: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'note' },
};

/** `[activity / 规则名 @ rules[1]] 规则「…」… / Rule "…" …` */
export function formatFinding(f: Finding): string {
  const rule = f.rules[0] && f.path.startsWith('rules[') ? ` / ${f.rules[0]}` : '';
  return `[${f.ruleSet}${rule}${f.path ? ` @ ${f.path}` : ''}] ${f.message}`;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}
