/**
 * JSON text an operator edited by hand (rules, headers.json, plans): parsed,
 * or a bilingual message giving the line and column of the mistake — the
 * engine reports a character offset at best, which no editor shows.
 */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonText(input: string): ParsedJson {
  const text = input.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const offset = firstErrorOffset(text);
    const { line, column } = lineAndColumn(text, offset);
    const end = offset >= text.length;
    const near = Array.from(text.slice(offset, offset + 40)).slice(0, 12).join('').replace(/\s+/g, ' ').trim();
    const zh = end ? '文件提前结束' : `从「${near}」处起`;
    const en = end ? 'unexpected end of file' : `near "${near}"`;
    return { ok: false, message: `JSON 格式错误：第 ${line} 行第 ${column} 列，${zh} / Malformed JSON at line ${line}, column ${column}, ${en}` };
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: Array.from(lines[lines.length - 1]).length + 1 };
}

/**
 * Where JSON.parse gave up: a small scanner of the JSON grammar that stops at
 * the first character that cannot continue a valid document. Iterative, so a
 * deeply nested file cannot overflow the stack.
 */
export function firstErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (): boolean => {
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text.charCodeAt(i) < 0x20) return false;
        if (text[i] === '\\') {
          i++;
          if (text[i] === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return false;
            i += 4;
          } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
        }
        i++;
      }
      if (i >= text.length) return false;
      i++;
      return true;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  // Stack of open containers: '{' expects a key next time round, ':' a value after a key, '[' a value.
  const stack: string[] = [];
  ws();
  for (;;) {
    // A value.
    if (text[i] === '{' || text[i] === '[') {
      stack.push(text[i]);
      i++;
      ws();
      if ((stack.at(-1) === '{' && text[i] === '}') || (stack.at(-1) === '[' && text[i] === ']')) {
        stack.pop();
        i++;
      } else if (stack.at(-1) === '{') {
        if (text[i] !== '"' || !literal()) return i;
        ws();
        if (text[i] !== ':') return i;
        i++;
        ws();
        continue;
      } else continue;
    } else if (!literal()) return i;
    // After a value: close containers or go on with a comma.
    for (;;) {
      ws();
      if (stack.length === 0) return i < text.length ? i : text.length;
      const top = stack.at(-1)!;
      if (text[i] === ',') {
        i++;
        ws();
        if (top === '{') {
          if (text[i] !== '"' || !literal()) return i;
          ws();
          if (text[i] !== ':') return i;
          i++;
          ws();
        }
        break;
      }
      if ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']')) {
        stack.pop();
        i++;
        continue;
      }
      return i;
    }
  }
}
