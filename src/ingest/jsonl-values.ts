/**
 * Staging text for JSON values. `JSON.parse` rounds integers beyond 2^53 (a 19-digit order id
 * or tweet id comes back changed), so values that may have been rounded are re-read from the
 * line here, to keep each number exactly as written. Pure: no I/O.
 */

/** A run this long may be an integer that a JS number cannot hold exactly. */
const LONG_DIGITS = /\d{16}/;

/**
 * Whether `text`, the staging text of the parsed `value`, may differ from the digits in the
 * source: integers beyond 2^53, long fractions, overflowing numbers, or such numbers nested in
 * an object or array. Then `rawTopLevelValues` gives the exact text.
 */
export function mayBeRounded(value: unknown, text: string | null): boolean {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return true;
    return Number.isInteger(value) ? !Number.isSafeInteger(value) : (text ?? '').length >= 17;
  }
  return typeof value === 'object' && value !== null && LONG_DIGITS.test(text ?? '');
}

/**
 * The text of a parsed JSON value for a VARCHAR column: strings as they are, numbers and
 * booleans in their JSON form, objects and arrays as compact JSON, null as null.
 */
export function valueText(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return value === null ? null : JSON.stringify(value);
    default:
      return null;
  }
}

/**
 * The source text of each top-level value of a JSON object, by key, whitespace outside strings
 * removed. `line` must be valid JSON text of an object (the caller has parsed it already).
 *
 * @example rawTopLevelValues('{"id": 12345678901234567891, "n": [1, 2]}')
 *   // Map { 'id' => '12345678901234567891', 'n' => '[1,2]' }
 */
export function rawTopLevelValues(line: string): Map<string, string> {
  const values = new Map<string, string>();
  let i = skipSpace(line, line.indexOf('{') + 1);
  while (i < line.length && line[i] !== '}') {
    const keyEnd = stringEnd(line, i);
    const key = JSON.parse(line.slice(i, keyEnd)) as string;
    i = skipSpace(line, skipSpace(line, keyEnd) + 1); // past ':'
    const valueEnd = valueEndAt(line, i);
    values.set(key, compact(line.slice(i, valueEnd)));
    i = skipSpace(line, valueEnd);
    if (line[i] === ',') i = skipSpace(line, i + 1);
  }
  return values;
}

/**
 * The source text of each element of a JSON array, whitespace outside strings removed.
 * `text` must be valid JSON text of an array (the caller has parsed it already).
 *
 * @example rawArrayElements('[{"id": 12345678901234567891}, 2]') // ['{"id":12345678901234567891}', '2']
 */
export function rawArrayElements(text: string): string[] {
  const elements: string[] = [];
  let i = skipSpace(text, text.indexOf('[') + 1);
  while (i < text.length && text[i] !== ']') {
    const end = valueEndAt(text, i);
    elements.push(compact(text.slice(i, end)));
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return elements;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  return i;
}

/** End (exclusive) of the JSON string starting with the quote at `i`. */
function stringEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** End (exclusive) of the JSON value starting at `i`. */
function valueEndAt(s: string, i: number): number {
  const first = s[i];
  if (first === '"') return stringEnd(s, i);
  if (first === '{' || first === '[') {
    let depth = 0;
    let j = i;
    while (j < s.length) {
      const c = s[j];
      if (c === '"') {
        j = stringEnd(s, j);
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
  let j = i;
  while (j < s.length && !',}] \t\r\n'.includes(s[j] ?? ',')) j++;
  return j;
}

/** JSON text without the whitespace between tokens. */
function compact(text: string): string {
  if (!/[\s]/.test(text) || text.startsWith('"')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else {
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') out += c;
      i++;
    }
  }
  return out;
}
