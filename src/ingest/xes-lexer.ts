/**
 * The lexical pieces of the XES scanner: character and tag codes, the key table, entity
 * decoding and markup skipping. Kept apart so xes-scanner.ts holds only the state machine.
 */

// Character codes.
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const DQ = 34;
export const AMP = 38;
export const SQ = 39;
export const SLASH = 47;
export const EQ = 61;
export const GT = 62;
export const QMARK = 63;

// Element kinds, from the tag name.
export const K_OTHER = 0;
export const K_ATTR = 1; // string, date, int, float, boolean, id
export const K_LIST = 2;
export const K_CONTAINER = 3;
export const K_EVENT = 4;
export const K_TRACE = 5;
export const K_LOG = 6;
export const K_GLOBAL = 7;
export const K_VALUES = 8;

// Names compared character by character on the hot path.
export const STRING = codesOf('string');
export const DATE = codesOf('date');
export const INT = codesOf('int');
export const ID = codesOf('id');
export const FLOAT = codesOf('float');
export const BOOLEAN = codesOf('boolean');
export const EVENT = codesOf('event');
export const TRACE = codesOf('trace');
export const VALUE = codesOf('value');

// XML attributes of an element that matter.
export const A_OTHER = 0;
export const A_KEY = 1;
export const A_VALUE = 2;
export const A_SCOPE = 3;

// Where the scanner is.
export const S_PROLOG = 0;
export const S_LOG = 1;
export const S_GLOBAL = 2;
export const S_TRACE = 3;
export const S_EVENT = 4;
export const S_DONE = 5;

/**
 * Keys that have a column. XES writers repeat one attribute order in every event, so the
 * search starts at the key that followed the previous one last time.
 */
export class KeyTable {
  readonly keys: string[] = [];
  readonly codes: (readonly number[])[] = [];
  readonly columns: number[] = [];
  readonly byKey = new Map<string, number>();
  /** follow[i]: the entry matched after entry i last time; i = keys.length: the first one. */
  follow: number[] = [0];
  /** The entry matched last, or keys.length at the start of an event or trace. */
  last = 0;

  add(key: string, column: number): void {
    this.keys.push(key);
    this.codes.push(codesOf(key));
    this.columns.push(column);
    this.byKey.set(key, column);
    this.follow = new Array<number>(this.keys.length + 1).fill(0);
    this.last = this.keys.length;
  }

  restart(): void {
    this.last = this.keys.length;
  }
}

/** Which XES-relevant XML attribute a name is. */
export function attributeName(s: string, start: number, end: number): number {
  const length = end - start;
  if (length === 3 && s.startsWith('key', start)) return A_KEY;
  if (length === 5 && s.startsWith('value', start)) return A_VALUE;
  if (length === 5 && s.startsWith('scope', start)) return A_SCOPE;
  return A_OTHER;
}

/** Whether `s` holds the character codes `codes` at `at` (faster than `startsWith` here). */
export function codesAt(s: string, at: number, codes: readonly number[]): boolean {
  for (let j = 0; j < codes.length; j++) if (s.charCodeAt(at + j) !== codes[j]) return false;
  return true;
}

export function codesOf(text: string): number[] {
  return Array.from(text, (_, j) => text.charCodeAt(j));
}

export function indexOrEnd(s: string, char: string, from: number): number {
  const at = s.indexOf(char, from);
  return at === -1 ? s.length : at;
}

/** Classifies a tag name by length and first letter, then confirms it. */
export function tagKind(s: string, start: number, end: number): number {
  switch (end - start) {
    case 2:
      return s.startsWith('id', start) ? K_ATTR : K_OTHER;
    case 3:
      if (s.startsWith('int', start)) return K_ATTR;
      return s.startsWith('log', start) ? K_LOG : K_OTHER;
    case 4:
      if (s.startsWith('date', start)) return K_ATTR;
      return s.startsWith('list', start) ? K_LIST : K_OTHER;
    case 5:
      switch (s.charCodeAt(start)) {
        case 101: // e
          return s.startsWith('event', start) ? K_EVENT : K_OTHER;
        case 116: // t
          return s.startsWith('trace', start) ? K_TRACE : K_OTHER;
        case 102: // f
          return s.startsWith('float', start) ? K_ATTR : K_OTHER;
        default:
          return K_OTHER;
      }
    case 6:
      switch (s.charCodeAt(start)) {
        case 115: // s
          return s.startsWith('string', start) ? K_ATTR : K_OTHER;
        case 103: // g
          return s.startsWith('global', start) ? K_GLOBAL : K_OTHER;
        case 118: // v
          return s.startsWith('values', start) ? K_VALUES : K_OTHER;
        default:
          return K_OTHER;
      }
    case 7:
      return s.startsWith('boolean', start) ? K_ATTR : K_OTHER;
    case 9:
      return s.startsWith('container', start) ? K_CONTAINER : K_OTHER;
    default:
      return K_OTHER;
  }
}

/** Skips `<!-- -->`, `<![CDATA[ ]]>` or `<!DOCTYPE ...>` at `lt`; -1 if it is not complete. */
export function skipMarkupDeclaration(s: string, lt: number): number {
  const head = s.slice(lt, lt + 9);
  if (head.length < 9 && ('<![CDATA['.startsWith(head) || '<!--'.startsWith(head))) return -1;
  if (s.startsWith('<!--', lt)) {
    const end = s.indexOf('-->', lt + 4);
    return end === -1 ? -1 : end + 3;
  }
  if (s.startsWith('<![CDATA[', lt)) {
    const end = s.indexOf(']]>', lt + 9);
    return end === -1 ? -1 : end + 3;
  }
  const gt = s.indexOf('>', lt);
  const bracket = s.indexOf('[', lt);
  if (bracket !== -1 && (gt === -1 || bracket < gt)) {
    const close = s.indexOf(']', bracket);
    if (close === -1) return -1;
    const end = s.indexOf('>', close);
    return end === -1 ? -1 : end + 1;
  }
  return gt === -1 ? -1 : gt + 1;
}

export const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
export const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * An attribute value as XML defines it: literal tabs and line breaks become spaces, then
 * entity and character references are replaced (unknown ones are kept as written).
 */
export function xmlValue(raw: string): string {
  let special = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === AMP || c === LF || c === CR || c === TAB) {
      special = true;
      break;
    }
  }
  if (!special) return raw;
  let value = raw.replace(/\r\n?|[\n\t]/g, ' ');
  if (value.includes('&')) {
    value = value.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return NAMED[name] ?? whole;
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }
  return value;
}

export function stateElement(state: number): string {
  if (state === S_EVENT) return 'event';
  if (state === S_TRACE) return 'trace';
  if (state === S_GLOBAL) return 'global';
  return 'log';
}

/** A record without a prototype, so that an attribute keyed `__proto__` is just a key. */
export function newRecord(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}
