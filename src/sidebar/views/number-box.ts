import type { Ctx } from '../app.js';
import { h } from '../dom.js';

/**
 * A labelled text box for a number. What the operator types reaches `put` as
 * a number when it reads as one, undefined when blank, and otherwise as the
 * text itself, for the validator to name beside the box.
 */
export function numberBox(ctx: Ctx, label: string, shown: string, dataKey: string, put: (value: number | string | undefined) => void): HTMLElement {
  return h(
    'label',
    { class: 'param' },
    h('span', null, label),
    h('input', {
      type: 'text',
      inputmode: 'decimal',
      value: shown,
      'data-key': dataKey,
      oninput: (e: Event) => {
        const raw = (e.target as HTMLInputElement).value.trim();
        put(raw === '' ? undefined : /^[+-]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);
        ctx.changed();
      },
    }),
  );
}
