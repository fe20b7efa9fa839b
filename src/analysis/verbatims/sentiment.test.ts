import { describe, expect, it } from 'vitest';
import { guessLanguage } from './language.js';
import { sentimentLabel, sentimentOf } from './sentiment.js';

describe('sentimentOf', () => {
  it('reads negation: "not helpful" is negative, "helpful" positive', () => {
    const helpful = sentimentOf('The agent was helpful.');
    const notHelpful = sentimentOf('The agent was not helpful at all.');
    expect(helpful?.label).toBe('positive');
    expect(notHelpful?.label).toBe('negative');
    expect(notHelpful?.score).toBeCloseTo(-(helpful?.score ?? 0), 5);
  });

  it('reads "not bad" as positive', () => {
    expect(sentimentOf('Not bad, actually quite good!')?.label).toBe('positive');
  });

  it('keeps scores in [-1, 1] and labels them by the neutral band', () => {
    for (const text of ['worst worst worst!!! 😡😡', 'love love love ❤️', 'The parcel came.']) {
      const s = sentimentOf(text);
      expect(s).toBeDefined();
      expect(Math.abs(s?.score ?? 2)).toBeLessThanOrEqual(1);
      expect(s?.label).toBe(sentimentLabel(s?.score ?? 0));
    }
    expect(sentimentLabel(0.04)).toBe('neutral');
    expect(sentimentLabel(-0.05)).toBe('negative');
    expect(sentimentLabel(0.05)).toBe('positive');
  });

  it('has no sentiment for empty text or punctuation only', () => {
    expect(sentimentOf('')).toBeUndefined();
    expect(sentimentOf('   \n ')).toBeUndefined();
    expect(sentimentOf('?!')).toBeUndefined();
  });

  it('has no sentiment for text the English lexicon cannot read', () => {
    // Spanish "terrible" would otherwise read as the English word.
    expect(sentimentOf('El servicio es terrible, no me ayudan con mi pedido')).toBeUndefined();
    expect(sentimentOf('Le service client est nul et je suis très déçu')).toBeUndefined();
    expect(sentimentOf('「#72時間ホンネテレビ」をFire TV Stickで観よう')).toBeUndefined();
  });

  it('takes a given language over the guess', () => {
    expect(sentimentOf('terrible', 'es')).toBeUndefined();
    expect(sentimentOf('terrible', 'en-GB')?.label).toBe('negative');
  });

  it('does not read waiting as praise (the service layer)', () => {
    // wink alone scores this +0.39: "still" and "waiting" are positive in its lexicon.
    expect(sentimentOf('I am still waiting for my refund')?.label).toBe('negative');
    expect(sentimentOf('Please help me with my order')?.label).toBe('neutral');
    expect(sentimentOf('They hung up on me and nobody called back.')?.label).toBe('negative');
  });

  it('ignores redaction markers', () => {
    const plain = sentimentOf('They charged me a late fee.');
    const redacted = sentimentOf('XXXX XXXX charged me a late fee on XX/XX/2019.');
    expect(redacted?.score).toBeCloseTo(plain?.score ?? 0, 5);
  });
});

describe('guessLanguage', () => {
  it('keeps short English texts English', () => {
    expect(guessLanguage('worst service ever')).toBe('en');
    expect(guessLanguage('@AmazonHelp 😡')).toBe('en');
    expect(guessLanguage('I paid de facto twice, no?')).toBe('en');
  });

  it('tells the common other languages', () => {
    expect(
      guessLanguage('buenas tardes. Intento comprar por play store y me rechaza las compras'),
    ).toBe('es');
    expect(guessLanguage('Ich habe das Paket nicht bekommen, bitte helfen Sie mir')).toBe('de');
    expect(guessLanguage('Ik heb mijn pakket niet ontvangen')).toBe('nl');
    expect(guessLanguage('これは日本語です')).toBe('und');
  });
});
