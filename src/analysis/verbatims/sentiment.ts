/**
 * Sentiment of one verbatim: a score in [−1, 1] and a label.
 *
 * Library: wink-nlp with its English model `wink-eng-lite-web-model` (both MIT, maintained,
 * TypeScript types, the model ships inside the npm package; ~0.2 s to load, ~300k tokens/s).
 * It was chosen over `sentiment` (AFINN-165) and `vader-sentiment` after running all three on
 * the twcs tweets: wink scopes negation over the following words ("not helpful at all" → −0.6),
 * reads emoji and emoticons, and gives the tokeniser, sentences, POS and lemmas the themes need
 * from the same reading; AFINN flips only the word right after "not", and the JS port of VADER
 * scores "Not bad" as −0.54.
 *
 * wink's score of a sentence is the mean of the lexicon entries found in it (negated entries
 * count with the opposite sign); a document's is the mean over its sentences. Its lexicon is
 * general-purpose, and in service conversations it misreads a few words (measured on twcs:
 * tweets saying "still waiting" came out 48% positive, because "still" scores +0.28 and
 * "waiting" +0.5). So a short, fixed customer-service layer adjusts it:
 * - NEUTRAL_IN_SERVICE: words that carry no feeling in a service conversation (requests,
 *   discourse markers, product nouns such as "loan") are dropped from the mean;
 * - SERVICE_FAILURES: phrases that name a service failure the lexicon does not know ("still
 *   waiting", "on hold", "no response", "never received") count as −0.5 each.
 * A sentence touched by neither keeps wink's score unchanged.
 *
 * Languages: the lexicon reads English only; for other languages the sentiment is undefined,
 * never a number computed from the few words that look English. Empty text: undefined too.
 * Pure: no I/O.
 */
import { isEnglish } from './language.js';
import {
  lexiconSentiment,
  readText,
  type TReadText,
  type TTextSentence,
  type TTextToken,
} from './text.js';

export type TSentimentLabel = 'negative' | 'neutral' | 'positive';

export type TSentiment = {
  /** −1 (very negative) … 1 (very positive). */
  score: number;
  label: TSentimentLabel;
};

/** Scores within ±NEUTRAL_BAND are neutral (VADER's convention). */
export const NEUTRAL_BAND = 0.05;

const FAILURE_SCORE = -0.5;

// Lemmas. "still" +0.28, "wait" +0.5, "help" +0.4, "ok" +0.75, "loan" +0.5, ... in wink's lexicon.
const NEUTRAL_IN_SERVICE = new Set(
  'still wait please help support ok okay yes yeah well right kind want loan interest savings'.split(
    ' ',
  ),
);

// Lemma sequences ("n't" has the lemma "not").
const SERVICE_FAILURES: readonly (readonly string[])[] = [
  'still wait',
  'no response',
  'no reply',
  'no answer',
  'on hold',
  'hang up',
  'never receive',
  'never arrive',
  'never get',
  'not work',
  'stop work',
  'no one',
  'nobody',
].map((phrase) => phrase.split(' '));

/** The label of a score. */
export function sentimentLabel(score: number): TSentimentLabel {
  if (score <= -NEUTRAL_BAND) return 'negative';
  if (score >= NEUTRAL_BAND) return 'positive';
  return 'neutral';
}

/**
 * Sentiment of one text; undefined when it is empty or not English. `language` (ISO 639-1 or
 * BCP 47) overrides the guess when the source knows it.
 * @example sentimentOf('The agent was not helpful at all.') // { score: -0.625, label: 'negative' }
 */
export function sentimentOf(text: string, language?: string): TSentiment | undefined {
  return sentimentOfRead(readText(text), isEnglish(text, language));
}

/** Sentiment of a text already read (the themes read each verbatim once for both). */
export function sentimentOfRead(read: TReadText, english: boolean): TSentiment | undefined {
  if (!english || read.sentences.length === 0) return undefined;
  if (!read.tokens.some((t) => t.type !== 'punctuation')) return undefined;
  let sum = 0;
  for (const sentence of read.sentences) sum += sentenceScore(read.tokens, sentence);
  const score = clamp(sum / read.sentences.length);
  return { score, label: sentimentLabel(score) };
}

function sentenceScore(tokens: readonly TTextToken[], sentence: TTextSentence): number {
  const span = tokens.slice(sentence.first, sentence.last + 1);
  const failures = countFailures(span);
  if (failures === 0 && !span.some((t) => NEUTRAL_IN_SERVICE.has(t.lemma))) {
    return sentence.sentiment;
  }
  // Re-average the sentence as wink does, word by word, without the neutral words.
  let sum = failures * FAILURE_SCORE;
  let hits = failures;
  for (const token of span) {
    if (NEUTRAL_IN_SERVICE.has(token.lemma)) continue;
    const score = lexiconScore(token.normal);
    if (score === 0) continue;
    sum += token.negated ? -score : score;
    hits += 1;
  }
  return hits === 0 ? 0 : sum / hits;
}

function countFailures(span: readonly TTextToken[]): number {
  let count = 0;
  for (let i = 0; i < span.length; i += 1) {
    for (const phrase of SERVICE_FAILURES) {
      if (phrase.every((lemma, j) => span[i + j]?.lemma === lemma)) count += 1;
    }
  }
  return count;
}

// The lexicon's score of one word, read from wink itself and cached.
const lexicon = new Map<string, number>();

function lexiconScore(normal: string): number {
  let score = lexicon.get(normal);
  if (score === undefined) {
    score = lexiconSentiment(normal);
    lexicon.set(normal, score);
  }
  return score;
}

function clamp(x: number): number {
  return Math.max(-1, Math.min(1, x));
}
