/** Puts the validator's problems next to the fields that caused them. */
import type { EditorProblem } from './draft.js';
import { localize } from './draft.js';
import type { Locale } from './i18n/index.js';

/** rules[0].conditions.all[1].value → rules[0].conditions.all[1] → … → '' */
export function parentPath(path: string): string | null {
  if (path === '') return null;
  const m = /^(.*?)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m ? m[1] : '';
}

/**
 * Clears every error slot, then writes each problem into the slot for its
 * path, or the nearest enclosing one; inputs with that exact path get the
 * `invalid` class. Returns problems that found no slot at all.
 */
export function showProblems(root: ParentNode, problems: EditorProblem[], locale: Locale): EditorProblem[] {
  root.querySelectorAll<HTMLElement>('.err[data-for]').forEach((el) => {
    el.textContent = '';
    el.hidden = true;
  });
  root.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
  const slots = new Map<string, HTMLElement>();
  root.querySelectorAll<HTMLElement>('.err[data-for]').forEach((el) => slots.set(el.dataset.for!, el));
  const fields = new Map<string, HTMLElement>();
  root.querySelectorAll<HTMLElement>('[data-key]').forEach((el) => fields.set(el.dataset.key!, el));
  const homeless: EditorProblem[] = [];
  for (const p of problems) {
    fields.get(p.key)?.classList.add('invalid');
    let path: string | null = p.path;
    let slot: HTMLElement | undefined;
    while (path !== null && !slot) {
      slot = slots.get(`${p.setId}:${path}`);
      path = parentPath(path);
    }
    if (!slot) {
      homeless.push(p);
      continue;
    }
    const line = document.createElement('div');
    line.textContent = localize(p.message, locale);
    slot.appendChild(line);
    slot.hidden = false;
  }
  return homeless;
}
