/**
 * Where JSON text stops being JSON: the offset of the first character a JSON parser cannot
 * accept, so that an error can name its line and column. `JSON.parse` says why it failed but,
 * on Node 20, not always where. Only called once `JSON.parse` has failed; iterative, so deep
 * nesting cannot overflow the stack. Pure: no I/O.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * The offset of the first character that makes `text` invalid JSON (`text.length` when it
 * ends too early), or undefined when it is valid.
 *
 * @example jsonErrorOffset('[1, 2,]') // 6
 */
export function jsonErrorOffset(text: string): number | undefined {
  const open: string[] = [];
  let i = space(text, 0);
  for (;;) {
    // A value starts at i.
    const c = text[i];
    if (c === '{' || c === '[') {
      i = space(text, i + 1);
      if (text[i] === (c === '{' ? '}' : ']')) i++;
      else {
        open.push(c);
        if (c === '{') {
          const next = member(text, i);
          if (next < 0) return -next - 1;
          i = next;
        }
        continue;
      }
    } else {
      const end = scalarEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
    }
    // After a value: commas and closing brackets until the next value starts.
    for (;;) {
      i = space(text, i);
      const top = open[open.length - 1];
      if (top === undefined) return i < text.length ? i : undefined;
      if (text[i] === ',') {
        i = space(text, i + 1);
        if (top === '{') {
          const next = member(text, i);
          if (next < 0) return -next - 1;
          i = next;
        }
        break;
      }
      if (text[i] !== (top === '{' ? '}' : ']')) return i;
      open.pop();
      i++;
    }
  }
}

/** Past `"key" :` and the space after it, or −(error offset + 1). */
function member(text: string, i: number): number {
  if (text[i] !== '"') return -(i + 1);
  const end = stringEnd(text, i);
  if (end < 0) return end;
  const colon = space(text, end);
  return text[colon] === ':' ? space(text, colon + 1) : -(colon + 1);
}

/** End of the string, number or literal at `i`, or −(error offset + 1). */
function scalarEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  NUMBER.lastIndex = i;
  return NUMBER.test(text) ? NUMBER.lastIndex : -(i + 1);
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -(i + 1);
    if (c === 0x5c) {
      const e = text[i + 1] ?? '';
      if (e === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6))) return -(i + 1);
        i += 5;
      } else if (ESCAPES.has(e)) i++;
      else return -(i + 1);
    }
  }
  return -(text.length + 1);
}

function space(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Line and column (both 1-based) of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
