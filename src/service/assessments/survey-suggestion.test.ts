/** The survey suggestion rules of docs/assessments.md, as table tests. */
import { describe, expect, it } from 'vitest';
import type { TSatisfaction } from '../../analysis/satisfaction.js';
import type { TTouchpoint } from '../../model/workspace-schema.js';
import { channelAndTiming, chooseKind, whomToAsk } from './survey-suggestion.js';

const tp = (stage: string, id = 'x'): TTouchpoint =>
  ({ id, name: 'X', stage, channel: 'web', owner: 'web' }) as unknown as TTouchpoint;

const measured = (kind: string, n: number, suppressed = false): TSatisfaction => ({
  kind,
  n,
  customers: n,
  suppressed,
  measure: 'mean',
  score: null,
  mean: null,
  positiveShare: null,
});

describe('chooseKind', () => {
  it.each([
    ['Support', [], undefined, 'ces'],
    ['Purchase', [], ['x'], 'ces'], // a contact touchpoint
    ['Retention', [], undefined, 'nps'],
    ['Loyalty', [], undefined, 'nps'],
    ['Purchase', [], undefined, 'csat'],
    ['Awareness', [], undefined, 'csat'],
    // A kind with enough answers is kept, the one with most answers first.
    ['Support', [measured('csat', 40), measured('nps', 90)], undefined, 'nps'],
    // Too few answers (suppressed): the stage decides.
    ['Support', [measured('csat', 3, true)], undefined, 'ces'],
  ] as const)('%s with %j (contacts %j) → %s', (stage, m, contacts, kind) => {
    expect(chooseKind(tp(stage), m, contacts).kind).toBe(kind);
  });
});

describe('channelAndTiming', () => {
  it.each([
    ['csat', 'web', 'web', 'in the page or app screen, right after the step'],
    ['csat', 'phone', 'sms', 'by SMS or at the end of the call, within 1 hour'],
    ['ces', 'chat', 'chat', 'at the end of the chat'],
    ['csat', 'store', 'sms', 'by SMS or a QR code on the receipt, the same day'],
    ['csat', 'courier', 'email', 'by e-mail within 24 hours of the step'],
    ['nps', 'web', 'email', 'by e-mail 7 days after the step'],
  ])('%s on %s → %s', (kind, channel, out, when) => {
    expect(channelAndTiming(kind, channel)).toEqual({ channel: out, when });
  });
});

describe('whomToAsk (aim: 2 × the minimum n a month)', () => {
  it('asks everyone when the expected answers stay under the aim (assumed 10%)', () => {
    // 500 a month × 10% = 50 ≤ 60.
    expect(whomToAsk('Call', 500, 0, 0, 30)).toEqual({
      whom: 'every customer who passes Call',
      reason:
        'about 50 answers a month expected (10% assumed response rate), no more than the 60 aimed for',
    });
  });
  it('samples a share, rounded up to 5%, with the measured response rate', () => {
    // 20% measured (200 answers / 1,000 customers); 2,000 a month → 400 expected; 60 / 400 = 15%.
    expect(whomToAsk('Call', 2000, 200, 1000, 30).whom).toBe(
      'a random 15% of the customers who pass Call',
    );
  });
});
