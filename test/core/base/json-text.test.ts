import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstErrorOffset, lineAndColumn, parseJsonText } from '../../../src/core/base/json-text.js';

describe('parseJsonText', () => {
  it('parses valid JSON (a leading BOM too)', () => {
    expect(parseJsonText('\uFEFF{"a": [1, "x"]}')).toEqual({ ok: true, value: { a: [1, 'x'] } });
  });

  it.each([
    ['{\n  "id": "activity",\n  "tiers": [1,, 2]\n}\n', 3, 15],
    ['{\n  "facts": {\n', 3, 1],
    ['{"a" 1}', 1, 6],
    ['[1,]', 1, 4],
    ['{"a":1,}', 1, 8],
    ['{"a":[1,{"b":tru}]}', 1, 14],
    ['{\r\n"a": 1\r\n"b": 2}', 3, 1],
    ['', 1, 1],
  ])('%j: line %i, column %i in both languages', (text, line, column) => {
    const r = parseJsonText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(new RegExp(`第 ${line} 行第 ${column} 列.* / .*line ${line}, column ${column}`));
  });

  it('lineAndColumn counts characters, not UTF-16 units', () => {
    expect(lineAndColumn('😀😀x', 4)).toEqual({ line: 1, column: 3 });
  });

  it('property: the scanner accepts what JSON.parse accepts, and points inside the text for what it rejects', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', ':', '"', 'x', '{', '['), (json, at, junk) => {
        expect(firstErrorOffset(json)).toBe(json.length);
        const k = at % (json.length + 1);
        const broken = json.slice(0, k) + junk + json.slice(k);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        const offset = firstErrorOffset(broken);
        if (valid) expect(offset).toBe(broken.length);
        else expect(offset).toBeLessThanOrEqual(broken.length);
      }),
      { numRuns: 3000 },
    );
  });
});
