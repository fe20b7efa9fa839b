/**
 * One verbatim read by wink-nlp (tokens, sentences, part of speech, lemmas, negation, the
 * lexicon's sentence sentiment), flattened into plain arrays with character offsets into the
 * original text, so that sentiment, phrase extraction and quotes share a single reading.
 * Pure: the English model ships inside the `wink-eng-lite-web-model` npm package and is
 * loaded from memory, never from disk or the network.
 */
import winkNLP, {
  type ItemSentence,
  type ItsFunction,
  type ItsHelpers,
  type WinkMethods,
} from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One token of a read verbatim. */
export type TTextToken = {
  /** The token as written. */
  value: string;
  /** Lower case, contractions expanded ("n't" → "not"). */
  normal: string;
  lemma: string;
  /** Universal POS tag: NOUN, PROPN, ADJ, VERB, ... */
  pos: string;
  /** wink's token type: word, number, punctuation, url, mention, hashtag, emoji, ... */
  type: string;
  /** In wink's English stop-word list. */
  stop: boolean;
  /** Inside the scope of a negation ("not helpful"). */
  negated: boolean;
  /** Character offsets in the original text: `text.slice(start, end)`. */
  start: number;
  end: number;
};

/** A sentence as a token range with the lexicon's sentiment for it. */
export type TTextSentence = { first: number; last: number; sentiment: number };

export type TReadText = {
  text: string;
  tokens: TTextToken[];
  sentences: TTextSentence[];
};

let nlp: WinkMethods | undefined;

/** The shared wink-nlp instance; loading the model takes ~0.2 s, so it is done once. */
export function wink(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}

/* eslint-disable @typescript-eslint/unbound-method --
   wink's `its` helpers are plain functions made to be passed to `out()`; none uses `this`. */
function columns(its: ItsHelpers) {
  return {
    value: its.value as ItsFunction<string>,
    normal: its.normal as ItsFunction<string>,
    lemma: its.lemma as unknown as ItsFunction<string>,
    pos: its.pos as ItsFunction<string>,
    type: its.type as ItsFunction<string>,
    stopWordFlag: its.stopWordFlag as ItsFunction<boolean>,
    negationFlag: its.negationFlag as ItsFunction<boolean>,
    sentiment: its.sentiment as ItsFunction<number>,
  };
}
/* eslint-enable @typescript-eslint/unbound-method */

/** wink's sentiment of a whole text, as its lexicon reads it. */
export function lexiconSentiment(text: string): number {
  const w = wink();
  return Number(w.readDoc(text).out(columns(w.its).sentiment));
}

/**
 * Tokenise and tag one text.
 * @example readText('Not helpful.').tokens.map((t) => t.normal) // ['not', 'helpful', '.']
 */
export function readText(text: string): TReadText {
  const w = wink();
  const its = columns(w.its);
  const clean = withoutEntities(text);
  const doc = w.readDoc(clean);
  const tokens = doc.tokens();
  const values = tokens.out<string>(its.value);
  const normals = tokens.out<string>(its.normal);
  const lemmas = tokens.out<string>(its.lemma);
  const poses = tokens.out<string>(its.pos);
  const types = tokens.out<string>(its.type);
  const stops = tokens.out(its.stopWordFlag) as boolean[];
  const negations = tokens.out(its.negationFlag) as boolean[];

  const out: TTextToken[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? '';
    if (types[i] === 'tabCRLF' || value.trim() === '') continue;
    const found = clean.indexOf(value, cursor);
    // wink may normalise a character it does not keep verbatim; keep the offsets monotone.
    const start = found >= 0 && found - cursor < 64 ? found : cursor;
    const end = Math.min(text.length, start + value.length);
    cursor = end;
    out.push({
      value,
      normal: normals[i] ?? value.toLowerCase(),
      lemma: lemmas[i] ?? '',
      pos: poses[i] ?? 'X',
      type: types[i] ?? 'word',
      stop: stops[i] ?? false,
      negated: negations[i] ?? false,
      start,
      end,
    });
  }

  // Sentences are token ranges in wink's numbering; map them onto the kept tokens.
  const keptIndex = new Map<number, number>();
  let k = 0;
  for (let i = 0; i < values.length; i += 1) {
    if (types[i] === 'tabCRLF' || (values[i] ?? '').trim() === '') continue;
    keptIndex.set(i, k);
    k += 1;
  }
  const sentences: TTextSentence[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const span = sentence.tokens();
    const count = span.length();
    if (count === 0) return;
    const firstRaw = span.itemAt(0).index();
    let first = -1;
    let last = -1;
    for (let i = firstRaw; i < firstRaw + count; i += 1) {
      const kept = keptIndex.get(i);
      if (kept === undefined) continue;
      if (first < 0) first = kept;
      last = kept;
    }
    if (first < 0) return;
    sentences.push({ first, last, sentiment: Number(sentence.out(its.sentiment)) });
  });
  return { text, tokens: out, sentences };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};
const ENTITY = /&(amp|lt|gt|quot|apos|#39);/g;

/**
 * HTML entities as in tweets ("&amp;") replaced by their character padded with spaces, so
 * that offsets into the original text stay valid and "amp" never reads as a word.
 */
export function withoutEntities(text: string): string {
  return text.replace(ENTITY, (m, name: string) => (ENTITIES[name] ?? ' ').padEnd(m.length, ' '));
}

/** An HTML entity's character, for display. */
export function entityCharacter(name: string): string | undefined {
  return ENTITIES[name];
}

/** The original text of a sentence. */
export function sentenceText(read: TReadText, sentence: TTextSentence): string {
  const first = read.tokens[sentence.first];
  const last = read.tokens[sentence.last];
  if (first === undefined || last === undefined) return '';
  return read.text.slice(first.start, last.end);
}
