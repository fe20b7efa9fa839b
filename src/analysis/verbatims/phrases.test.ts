import { describe, expect, it } from 'vitest';
import { extractPhrases } from './phrases.js';
import { readText } from './text.js';

const keys = (text: string) => extractPhrases(readText(text)).map((p) => p.key);

describe('extractPhrases', () => {
  it('finds noun phrases and their nested sub-phrases, without stop words', () => {
    expect(keys('My credit reports are wrong.')).toEqual(['credit', 'credit report', 'report']);
  });

  it('merges inflections into one key', () => {
    expect(keys('The credit reports')).toContain('credit report');
    expect(keys('A credit report')).toContain('credit report');
  });

  it('keeps -ing modifiers inside a phrase but never at its start', () => {
    const found = keys('The credit reporting agencies refused.');
    expect(found).toContain('credit reporting agency');
    expect(found).not.toContain('reporting agency');
  });

  it('never puts redaction markers, links, handles, numbers or entities in a phrase', () => {
    const found = keys(
      '@AmazonHelp XXXX XXXX bank sent XX/XX/2019 letter https://t.co/x fees &amp; charges 123 dollars',
    );
    expect(found.some((k) => /x{2,}|http|@|amp|123/.test(k))).toBe(false);
    expect(found).toContain('bank');
    expect(found).toContain('letter');
  });

  it('gives offsets into the original text', () => {
    const text = 'Hi!  The late fee again.';
    const late = extractPhrases(readText(text)).find((p) => p.key === 'late fee');
    expect(late && text.slice(late.start, late.end)).toBe('late fee');
  });
});
