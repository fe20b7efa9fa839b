import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('readConfig', () => {
  it('keeps webhooks away from private addresses unless JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE says so', () => {
    expect(readConfig({}).allowPrivateWebhooks).toBe(false);
    for (const [value, allowed] of [
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ] as const) {
      expect(
        readConfig({ JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE: value }).allowPrivateWebhooks,
        value,
      ).toBe(allowed);
    }
  });

  it('refuses a value it does not know rather than guess', () => {
    expect(() => readConfig({ JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
      /^environment: JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE: /,
    );
  });
});
