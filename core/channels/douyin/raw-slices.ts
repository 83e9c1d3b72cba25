/**
 * Exact source text of JSON values, found by path. An order's `raw` is the text the platform sent
 * (product_id as its bare 19-digit literal, keys in its order), not a re-serialisation of our parse
 * (architecture.md "every raw partner payload that changed an order is kept").
 */

function skipWhitespace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

function skipString(text: string, i: number): number {
  i++;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  throw new SyntaxError('unterminated string');
}

/** End index (exclusive) of the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i = skipString(text, i);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new SyntaxError('unterminated container');
  }
  while (i < text.length && !',}] \n\r\t'.includes(text[i]!)) i++;
  return i;
}

/** [start, end) of the value at `path` (object keys only), or null when absent. */
export function locate(text: string, path: readonly string[], start = 0): [number, number] | null {
  let i = skipWhitespace(text, start);
  if (path.length === 0) return [i, skipValue(text, i)];
  if (text[i] !== '{') return null;
  i = skipWhitespace(text, i + 1);
  while (i < text.length && text[i] !== '}') {
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWhitespace(text, keyEnd);
    i = skipWhitespace(text, i + 1); // ':'
    if (key === path[0]) return locate(text, path.slice(1), i);
    i = skipWhitespace(text, skipValue(text, i));
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return null;
}

/** The source text of each element of the array at `path`; null when absent or not an array. */
export function arrayItemTexts(text: string, path: readonly string[]): string[] | null {
  const span = locate(text, path);
  if (!span || text[span[0]] !== '[') return null;
  const items: string[] = [];
  let i = skipWhitespace(text, span[0] + 1);
  while (i < span[1] && text[i] !== ']') {
    const end = skipValue(text, i);
    items.push(text.slice(i, end));
    i = skipWhitespace(text, end);
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return items;
}

/** The source text of the value at `path`, or null. */
export function valueText(text: string, path: readonly string[]): string | null {
  const span = locate(text, path);
  return span ? text.slice(span[0], span[1]) : null;
}
