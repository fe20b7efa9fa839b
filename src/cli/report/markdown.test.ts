/** The Markdown printer: names show as written (never as formatting), tables keep their shape. */
import { expect, it } from 'vitest';
import type { TReport } from './document.js';
import { markdownQuote, markdownText, reportMarkdown } from './markdown.js';

it('escapes what Markdown would read as formatting, a cell border or HTML', () => {
  expect(markdownText('Billing <b>desk</b> | *VIP* _x_ [a](b) `c` \\')).toBe(
    'Billing \\<b>desk\\</b> \\| \\*VIP\\* \\_x\\_ \\[a\\](b) \\`c\\` \\\\',
  );
  expect(markdownText('two\nlines')).toBe('two lines');
});

it('prints facts, tables with aligned columns, series as text sparklines, and cards as one table', () => {
  const report: TReport = {
    title: 'Journey analysis: A|B',
    subtitle: 'sub',
    sections: [
      {
        id: 's',
        title: 'Section',
        blocks: [
          { kind: 'facts', facts: [['Period', '1 Jan 2025 to 2 Feb 2025']] },
          {
            kind: 'table',
            columns: [
              { label: 'touchpoint' },
              { label: 'n', numeric: true },
              { label: 'by month' },
            ],
            rows: [['Pay | card', '1,234', { text: '0–8', spark: [0, 2, 8], sparkLabel: '' }]],
            more: '…and 3 more',
          },
          {
            kind: 'chart',
            chart: { type: 'bars', title: 'not in Markdown', parts: ['x'], bars: [] },
          },
          {
            kind: 'cards',
            label: 'stage',
            cards: [
              {
                title: 'Interest',
                figures: [
                  ['customers', '1,205'],
                  ['teams', 'Web 100%'],
                ],
              },
              {
                title: 'Intent',
                figures: [
                  ['customers', '–'],
                  ['teams', 'IT 50%, Web 50%'],
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  expect(reportMarkdown(report)).toBe(`# Journey analysis: A\\|B

sub

## Section

- **Period**: 1 Jan 2025 to 2 Feb 2025

| touchpoint | n | by month |
|---|---:|---|
| Pay \\| card | 1,234 | ▁▃█ 0–8 |

…and 3 more

| stage | customers | teams |
|---|---:|---|
| Interest | 1,205 | Web 100% |
| Intent | – | IT 50%, Web 50% |
`);
});

it('prints a quote as written, its highlighted words in bold and the rest escaped', () => {
  const quote = 'The delivery driver wrote <script>alert("x")</script> & *left* it';
  // "delivery driver", given with the space before it: bold needs its markers next to words.
  expect(markdownQuote(quote, [[3, 19]])).toBe(
    'The **delivery driver** wrote \\<script>alert("x")\\</script> & \\*left\\* it',
  );
  // Highlights in any order; overlapping ones become one.
  expect(
    markdownQuote('a b c', [
      [4, 5],
      [0, 1],
      [0, 3],
    ]),
  ).toBe('**a b** **c**');
  expect(markdownQuote('no highlight', [])).toBe('no highlight');
});
