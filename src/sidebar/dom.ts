/** A tiny element builder: h('button', { class: 'primary', onclick }, 'Save'). No framework. */
type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'class') el.className = String(v);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' || k === 'disabled' || k === 'selected') (el as unknown as Record<string, boolean>)[k] = Boolean(v);
    else if (k === 'dataset') Object.assign(el.dataset, v as Record<string, string>);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** A <select> with options [value, label]; `value` selected. */
export function select(options: Array<[string, string] | { group: string; options: Array<[string, string]> }>, value: string, attrs: Attrs = {}): HTMLSelectElement {
  const el = h('select', attrs);
  for (const o of options) {
    if (Array.isArray(o)) el.appendChild(h('option', { value: o[0], selected: o[0] === value }, o[1]));
    else el.appendChild(h('optgroup', { label: o.group }, o.options.map(([v, l]) => h('option', { value: v, selected: v === value }, l))));
  }
  el.value = value;
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}
