import type { XmlChild, XmlNode } from './populate.js';

/**
 * xlsx-populate's XML parser turns every text node that looks like a number
 * into a number, so text cells such as "12" (shared or inline strings) come
 * back as numeric cells after a save — silently changing untouched operator
 * data (dtjohnson/xlsx-populate PR #276, never merged). Turn those text nodes
 * back into strings before cells are built. Rich inline strings, which 1.21
 * would drop, are flattened to their plain text.
 *
 * `require` must resolve the same xlsx-populate instance the caller loaded.
 * Installing twice is harmless.
 */
export function installXlsxPopulateFixes(require: NodeJS.Require): void {
  const SharedStrings = require('xlsx-populate/lib/SharedStrings.js');
  const Cell = require('xlsx-populate/lib/Cell.js');
  const cache = SharedStrings?.prototype?._cacheExistingSharedStrings;
  const parse = Cell?.prototype?._parseNode;
  if (typeof cache !== 'function' || typeof parse !== 'function') {
    throw new Error('xlsx-populate internals changed; review src/ports/xlsx/populate-fixes.ts before upgrading');
  }
  if (cache.fenceng) return;
  const patchedCache = function (this: { _node: XmlNode }) {
    for (const si of this._node.children) textNodesToStrings(si);
    return cache.call(this);
  };
  patchedCache.fenceng = true;
  SharedStrings.prototype._cacheExistingSharedStrings = patchedCache;
  Cell.prototype._parseNode = function (this: unknown, node: XmlNode) {
    const t = node.attributes?.t;
    if (t === 'inlineStr') {
      const is = childNamed(node, 'is');
      if (is) {
        textNodesToStrings(is);
        if (is.children.length > 0 && childName(is.children[0]) !== 't') {
          is.children = [{ name: 't', attributes: { 'xml:space': 'preserve' }, children: [plainText(is)] }];
        }
      }
    } else if (t === 'str') {
      const v = childNamed(node, 'v');
      if (v) v.children = v.children.map((x) => (typeof x === 'number' ? String(x) : x));
    }
    return parse.call(this, node);
  };
}

function childName(x: XmlChild | undefined): string | undefined {
  return typeof x === 'object' && x !== null ? x.name : undefined;
}

function childNamed(node: XmlNode, name: string): XmlNode | undefined {
  return node.children?.find((x): x is XmlNode => childName(x) === name);
}

/** Number children of every `<t>` below `node` become the strings they were in the file. */
function textNodesToStrings(node: XmlChild): void {
  if (typeof node !== 'object' || node === null || !node.children) return;
  if (node.name === 't') node.children = node.children.map((x) => (typeof x === 'number' ? String(x) : x));
  else node.children.forEach(textNodesToStrings);
}

/** Text of the `<r><t>` runs of a rich string (phonetic `<rPh>` hints left out). */
function plainText(node: XmlNode): string {
  let s = '';
  for (const x of node.children) {
    if (typeof x !== 'object' || x === null) continue;
    if (x.name === 't') s += x.children.map(String).join('');
    else if (x.name === 'r') s += plainText(x);
  }
  return s;
}
