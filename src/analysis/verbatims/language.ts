/**
 * A cheap guess of whether a verbatim is English, which is all the sentiment lexicon can read.
 * It counts common function words of English and of six other languages seen in customer
 * feedback (es, fr, de, pt, it, nl) and looks at the script: a text mostly in a non-Latin
 * script, or with more function words of another language than of English, is not English.
 * It never claims a language from one word: short texts without function words stay English,
 * because "worst service ever" is.
 * Pure: no I/O.
 */

/** ISO 639-1 code, or 'und' for a text in a script the lexicon cannot read at all. */
export type TLanguage = 'en' | 'es' | 'fr' | 'de' | 'pt' | 'it' | 'nl' | 'und';

function words(list: string): readonly string[] {
  return list.split(' ');
}

// Function words that are frequent in their language and rare as English words.
const FUNCTION_WORDS: Record<Exclude<TLanguage, 'und'>, readonly string[]> = {
  en: words(
    'the and is are was were to of my you your it this that have has not with for i me on be but they what can will just been at why how get still from please',
  ),
  es: words(
    'el los las que y por para con una es mi se lo del pero muy está estoy hola gracias como más nos su ya tengo',
  ),
  fr: words(
    'le les des est et je vous pas une du pour avec mon ma sur très merci bonjour ce il nous au mais suis',
  ),
  de: words(
    'der das und ist nicht ich sie mit ein eine zu auf für mein bitte danke es wir auch noch habe kann den dem',
  ),
  pt: words(
    'os que não um uma para com meu minha obrigado obrigada está por muito você isso mas ao da em tem estou',
  ),
  it: words(
    'il gli che di non un una per con mio sono grazie è della ma del questo ho anche ciao molto perché',
  ),
  nl: words(
    'het een en niet ik van op met voor dat bedankt mijn je wij naar ook maar nog heb bij zijn graag',
  ),
};

const LOOKUP = new Map<string, TLanguage[]>();
for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of words) {
    LOOKUP.set(word, [...(LOOKUP.get(word) ?? []), language as TLanguage]);
  }
}

const SAMPLE_LENGTH = 1000;
const LETTER = /\p{L}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const WORD = /[\p{L}']+/gu;
// Handles, links and redaction markers carry no language.
const NOISE = /@\w+|#\w+|https?:\/\/\S+|\bX{2,}\b/gi;

/**
 * The language of a text, as far as a cheap guess can tell.
 * @example guessLanguage('Le service client est nul et je suis déçu') // 'fr'
 */
export function guessLanguage(text: string): TLanguage {
  // The opening is enough to tell, and keeps long narratives cheap.
  const clean = text.slice(0, SAMPLE_LENGTH).replace(NOISE, ' ');
  let letters = 0;
  let latin = 0;
  for (const c of clean) {
    if (c <= '\u007f') {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letters += 1;
        latin += 1;
      }
    } else if (LETTER.test(c)) {
      letters += 1;
      if (LATIN_LETTER.test(c)) latin += 1;
    }
  }
  if (letters === 0) return 'en';
  if (latin / letters < 0.5) return 'und';

  const hits = new Map<TLanguage, number>();
  for (const word of clean.toLowerCase().match(WORD) ?? []) {
    for (const language of LOOKUP.get(word) ?? []) {
      hits.set(language, (hits.get(language) ?? 0) + 1);
    }
  }
  const english = hits.get('en') ?? 0;
  let best: TLanguage = 'en';
  let bestHits = 0;
  for (const [language, count] of [...hits].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (language !== 'en' && count > bestHits) {
      best = language;
      bestHits = count;
    }
  }
  return bestHits >= 2 && bestHits > english ? best : 'en';
}

/**
 * Whether the sentiment lexicon and the phrase extraction can read a text: its language tag
 * when the source gave one, else the guess.
 */
export function isEnglish(text: string, languageTag?: string): boolean {
  return languageTag !== undefined ? isEnglishTag(languageTag) : guessLanguage(text) === 'en';
}

/** Whether a language tag (ISO 639-1 or a BCP 47 tag such as "en-GB") is English. */
export function isEnglishTag(tag: string): boolean {
  return /^en(?:[-_]|$)/i.test(tag.trim());
}
