import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.js';

function stream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY,
    written,
    write: (s: string) => {
      written.push(s);
      return true;
    },
  } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('progressBar', () => {
  it('draws on a terminal and clears the line when done', () => {
    const out = stream(true);
    const bar = progressBar(out);
    bar.update('reading', 0.5);
    bar.update('reading', 1);
    bar.done();
    expect(out.written[0]).toMatch(/^\rreading {3}\[#{14}\.{14}\] {2}50% \d+\.\ds$/);
    expect(out.written.at(-1)).toBe('\r\x1b[2K');
  });

  it('is silent when the output is not a terminal', () => {
    const out = stream(false);
    const bar = progressBar(out);
    bar.update('reading', 0.5);
    bar.done();
    expect(out.written).toEqual([]);
  });
});
