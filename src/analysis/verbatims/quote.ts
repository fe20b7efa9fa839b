/**
 * Quotes: the sentence of a verbatim that holds a match, trimmed to about 200 characters
 * around it, with the match's offsets moved into the quote. Used by the themes (example
 * quotes) and by search (highlighted hits). Pure: no I/O.
 */
import { entityCharacter } from './text.js';
import type { TQuote } from './verbatim.js';

/** Longest quote, in characters, before the "…" marks. */
export const QUOTE_LENGTH = 200;

const ENTITY_AT = /^&(amp|lt|gt|quot|apos|#39);/;
const LEADING_JUNK = /^[\s,;:)\]}.!?\-–—]+/;
const SENTENCE_END = /[.!?]["')\]]?\s|\n/g;

/**
 * The sentence around [start, end) of `text`, cut to `maxLength` around the match, with
 * every highlight that falls inside it.
 * @example quoteAround('v1', 'Hi. The fee was wrong. Bye.', [[8, 11]]).text // 'The fee was wrong.'
 */
export function quoteAround(
  verbatimId: string,
  text: string,
  highlights: readonly [number, number][],
  maxLength = QUOTE_LENGTH,
): TQuote {
  const first = highlights[0] ?? [0, 0];
  const [sentenceFrom, sentenceTo] = sentenceAround(text, first[0], first[1]);
  let from = sentenceFrom;
  let to = sentenceTo;
  if (to - from > maxLength) {
    // A window with a third of the room before the match, then its edges moved to spaces.
    const room = Math.max(0, maxLength - (first[1] - first[0]));
    from = Math.max(sentenceFrom, first[0] - Math.floor(room / 3));
    to = Math.min(sentenceTo, from + maxLength);
    from = Math.max(sentenceFrom, Math.min(from, to - maxLength));
    if (from > sentenceFrom) from = wordBoundary(text, from, first[0], 1);
    if (to < sentenceTo) to = wordBoundary(text, to, first[1], -1);
  }
  let quote = text.slice(from, to);
  // Leading white space and stray punctuation left over from the sentence before.
  const lead = Math.min(first[0] - from, quote.length - quote.replace(LEADING_JUNK, '').length);
  quote = quote.slice(Math.max(0, lead)).trimEnd();
  const prefix = from > sentenceFrom ? '…' : '';
  const suffix = to < sentenceTo ? '…' : '';
  const shift = prefix.length - from - lead;
  const inside = highlights
    .filter(([s, e]) => s >= from + lead && e <= from + lead + quote.length)
    .map(([s, e]): [number, number] => [s + shift, e + shift]);
  return { verbatimId, text: forDisplay(prefix + quote + suffix, inside), highlights: inside };
}

function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = 0;
  let to = text.length;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) {
    const boundary = m.index + m[0].length;
    if (boundary <= start) from = boundary;
    else if (m.index >= end - 1) {
      to = m.index + m[0].trimEnd().length;
      break;
    }
  }
  return [from, to];
}

function wordBoundary(text: string, at: number, limit: number, direction: 1 | -1): number {
  let i = at;
  for (let steps = 0; steps < 30; steps += 1) {
    if (direction === 1 ? i >= limit : i <= limit) return at;
    if (/\s/.test(text[i] ?? ' ')) return i;
    i += direction;
  }
  return at;
}

// Runs of white space (CFPB narratives hold line breaks and double spaces) become one space
// and HTML entities (tweets' "&amp;") their character; the highlights move with the text.
function forDisplay(quote: string, highlights: [number, number][]): string {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < quote.length; i += 1) {
    map.push(out.length);
    const c = quote[i] ?? '';
    const entity = c === '&' ? ENTITY_AT.exec(quote.slice(i, i + 6)) : null;
    if (entity !== null) {
      out += entityCharacter(entity[1] ?? '') ?? entity[0];
      for (let k = 1; k < entity[0].length; k += 1) map.push(out.length);
      i += entity[0].length - 1;
    } else if (/\s/.test(c)) {
      if (!out.endsWith(' ')) out += ' ';
    } else out += c;
  }
  map.push(out.length);
  for (const h of highlights) {
    h[0] = map[h[0]] ?? h[0];
    h[1] = map[h[1]] ?? h[1];
  }
  return out;
}
