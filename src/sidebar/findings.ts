/**
 * The rule analysis as the operator types: run on every rule set that
 * passes validation, and shown beside the rule, tier or default it is about.
 */
import { analyzeRuleSet, type Finding } from '../core/rules/analyze/analyze.js';
import type { RulesDocument } from '../core/rule-store/types.js';
import type { EditorProblem } from './draft.js';
import { localize } from './draft.js';
import { t, type Locale } from './i18n/index.js';

export function analyzeDraft(doc: RulesDocument, problems: EditorProblem[]): Finding[] {
  const invalid = new Set(problems.map((p) => p.setId));
  return doc.ruleSets.filter((s) => s && typeof s.id === 'string' && !invalid.has(s.id)).flatMap((s) => analyzeRuleSet(s).findings);
}

export const blocking = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

/**
 * Clears and refills every `.findings[data-for]` slot; a finding goes to the
 * slot for its path, else its rule set's. Conditions that clash get the
 * `clash` class. Returns findings that found no slot.
 */
export function showFindings(root: ParentNode, findings: Finding[], locale: Locale): Finding[] {
  const slots = new Map<string, HTMLElement>();
  root.querySelectorAll<HTMLElement>('.findings[data-for]').forEach((el) => {
    el.textContent = '';
    el.hidden = true;
    slots.set(el.dataset.for!, el);
  });
  root.querySelectorAll('.clash').forEach((el) => el.classList.remove('clash'));
  const label = { error: t('analysis.error'), warning: t('analysis.warning'), info: t('analysis.info') };
  const homeless: Finding[] = [];
  for (const f of findings) {
    const slot = slots.get(`${f.ruleSet}:${f.path}`) ?? slots.get(`${f.ruleSet}:`);
    if (!slot) {
      homeless.push(f);
      continue;
    }
    slot.appendChild(findingLine(f, label[f.severity], locale));
    slot.hidden = false;
    for (const path of f.conditions ?? []) {
      root.querySelector(`section[data-set="${cssEscape(f.ruleSet)}"] [data-path="${path}"]`)?.classList.add('clash');
    }
  }
  return homeless;
}

export function findingLine(f: Finding, severity: string, locale: Locale): HTMLElement {
  const line = document.createElement('div');
  line.className = `finding sev-${f.severity}`;
  line.dataset.kind = f.kind;
  const tag = document.createElement('b');
  tag.textContent = `${severity} `;
  line.append(tag, localize(f.message, locale));
  return line;
}

function cssEscape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
