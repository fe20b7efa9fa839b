/**
 * Candidate theme phrases in one read verbatim: noun phrases found from wink's part-of-speech
 * tags (runs of adjectives, nouns and -ing modifiers that end in a noun, as in "late fee",
 * "credit reporting agency"), with every shorter sub-phrase that also ends in a noun, so that
 * the ranking can tell a term from the longer terms it is nested in (c-value).
 *
 * Normalisation: the key is the words in lower case with the head noun lemmatised, so "Credit
 * Reports" and "credit report" share one key, and "my credit report" loses "my", a stop word.
 * (Porter stems were tried and merged too much: "account" with "accountant", "response" with
 * "responsibility".) Modifiers stay as written: "credit reporting agency". Redaction
 * markers (CFPB's "XXXX", "XX/XX/2019"), links, @handles, #tags, numbers, amounts and emoji
 * never enter a phrase: they break it.
 * Pure: no I/O.
 */
import type { TReadText, TTextToken } from './text.js';

/** One occurrence of a candidate phrase. */
export type TPhraseOccurrence = {
  /** The words in lower case, the head noun as its lemma: the identity of the phrase. */
  key: string;
  /** Number of words. */
  length: number;
  /** Index into `read.sentences`. */
  sentence: number;
  /** Character offsets of the phrase in the original text. */
  start: number;
  end: number;
};

/** Longest phrase kept, in words. */
export const MAX_PHRASE_WORDS = 4;

const HEAD_POS = new Set(['NOUN', 'PROPN']);
const MODIFIER_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
const REDACTION = /x{2,}/i;
const HAS_LETTER = /\p{L}/u;
// "i’m" with a typographic apostrophe is one token to wink: a contraction, not a noun.
const APOSTROPHE = /['’]/;

// Words that make a phrase about nothing in particular: they may sit inside a longer phrase
// but never start or head one ("same issue", "thing").
const EMPTY_WORDS = new Set(
  (
    'thing things lot lots way time times day days week weeks month months year years ' +
    'today yesterday tomorrow morning night hour hours minute minutes moment ' +
    'same other such many much several few first last next new own whole able sure ' +
    'anything something everything nothing someone anyone everyone etc please thank thanks hi hello ' +
    'dear sir madam mr mrs ms regard regards guy guys people person folks'
  ).split(' '),
);

/** Whether a token may be part of a phrase. */
export function isPhraseWord(token: TTextToken): boolean {
  if (token.type !== 'word' || token.stop) return false;
  if (token.normal.length < 2 || !HAS_LETTER.test(token.normal)) return false;
  if (REDACTION.test(token.normal) || APOSTROPHE.test(token.normal)) return false;
  if (MODIFIER_POS.has(token.pos)) return true;
  // "credit reporting agency", "checking account": an -ing word as a modifier.
  return token.pos === 'VERB' && token.normal.endsWith('ing');
}

/**
 * Every candidate phrase occurrence in a read text, in text order.
 * @example extractPhrases(readText('My credit reports are wrong.')).map((p) => p.label)
 * // ['credit', 'credit report', 'report']
 */
export function extractPhrases(read: TReadText): TPhraseOccurrence[] {
  const out: TPhraseOccurrence[] = [];
  read.sentences.forEach((sentence, sentenceIndex) => {
    let runStart = -1;
    for (let i = sentence.first; i <= sentence.last + 1; i += 1) {
      const token = i <= sentence.last ? read.tokens[i] : undefined;
      const inRun = token !== undefined && isPhraseWord(token) && adjacent(read, i, runStart);
      if (inRun) {
        if (runStart < 0) runStart = i;
        continue;
      }
      if (runStart >= 0) collectRun(read, runStart, i - 1, sentenceIndex, out);
      runStart = token !== undefined && isPhraseWord(token) ? i : -1;
    }
  });
  return out;
}

// A phrase does not run over a line break or a wide gap (lists, table cells).
function adjacent(read: TReadText, i: number, runStart: number): boolean {
  if (runStart < 0 || i === runStart) return true;
  const previous = read.tokens[i - 1];
  const token = read.tokens[i];
  if (previous === undefined || token === undefined) return false;
  const gap = read.text.slice(previous.end, token.start);
  return gap.length <= 2 && !gap.includes('\n');
}

function collectRun(
  read: TReadText,
  first: number,
  last: number,
  sentence: number,
  out: TPhraseOccurrence[],
): void {
  for (let end = first; end <= last; end += 1) {
    const head = read.tokens[end];
    if (head === undefined || !HEAD_POS.has(head.pos) || EMPTY_WORDS.has(head.lemma)) continue;
    for (let start = Math.max(first, end - MAX_PHRASE_WORDS + 1); start <= end; start += 1) {
      const words = read.tokens.slice(start, end + 1);
      const lead = words[0];
      if (lead === undefined || EMPTY_WORDS.has(lead.lemma) || EMPTY_WORDS.has(lead.normal)) {
        continue;
      }
      if (lead.pos === 'VERB') continue; // "reporting agency" is nested in "credit reporting agency"
      out.push({
        key: words.map((w, k) => (k === words.length - 1 ? headForm(w) : w.normal)).join(' '),
        length: words.length,
        sentence,
        start: lead.start,
        end: head.end,
      });
    }
  }
}

function headForm(token: TTextToken): string {
  return token.pos === 'NOUN' ? token.lemma : token.normal;
}
