/**
 * Prints a report document as CommonMark with pipe tables, for reading in a terminal and
 * pasting into a ticket or a wiki. Text from the data is escaped so a name shows as written,
 * never as formatting or HTML. Charts are left out: each one's figures are in the table or
 * scorecards beside it.
 */
import {
  quoteParts,
  type TBlock,
  type TCard,
  type TCell,
  type TColumn,
  type TReport,
} from './document.js';
import { sparkText } from './format.js';

/** Backslash-escapes what Markdown would read as formatting, a table border or HTML. */
export function markdownText(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<|]/g, (c) => `\\${c}`);
}

/** A quote with its highlighted parts in bold, every part escaped. */
export function markdownQuote(quote: string, highlights: readonly [number, number][]): string {
  return quoteParts(quote, highlights)
    .map((p) => (p.marked ? `**${markdownText(p.text)}**` : markdownText(p.text)))
    .join('');
}

/** A cell as Markdown: a series as a text sparkline before it, a quote with bold highlights. */
function cellMarkdown(c: TCell): string {
  if (typeof c === 'string') return markdownText(c);
  if ('quote' in c) return markdownQuote(c.quote, c.highlights);
  return markdownText(`${sparkText(c.spark, c.sparkMax)} ${c.text}`);
}

function table(columns: readonly TColumn[], rows: readonly TCell[][]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map((c) => markdownText(c.label))),
    `|${columns.map((c) => (c.numeric === true ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => line(row.map(cellMarkdown))),
  ];
}

/** A number, share or dash: right-aligned when a whole column is made of them. */
const FIGURE = /^([≤<]?[0-9][0-9,.]*%?|–)$/;

function cards(title: string, list: readonly TCard[]): string[] {
  const labels = list[0]?.figures.map(([label]) => label) ?? [];
  const rows = list.map((c) => [c.title, ...c.figures.map(([, value]) => value)]);
  const columns: TColumn[] = [
    { label: title },
    ...labels.map((label, k) => ({
      label,
      numeric: rows.every((r) => FIGURE.test(r[k + 1] ?? '')),
    })),
  ];
  return table(columns, rows);
}

function block(b: TBlock): string[] {
  switch (b.kind) {
    case 'facts':
      return b.facts.map(
        ([label, value]) => `- **${markdownText(label)}**: ${markdownText(value)}`,
      );
    case 'paragraph':
      return [markdownText(b.text)];
    case 'heading':
      return [`### ${markdownText(b.text)}`];
    case 'table':
      return [
        ...table(b.columns, b.rows),
        ...(b.more === undefined ? [] : ['', markdownText(b.more)]),
      ];
    case 'cards':
      return cards(b.label, b.cards);
    case 'chart':
      return [];
  }
}

export function reportMarkdown(report: TReport): string {
  const out: string[] = [`# ${markdownText(report.title)}`, '', markdownText(report.subtitle)];
  for (const section of report.sections) {
    out.push('', `## ${markdownText(section.title)}`);
    for (const b of section.blocks) {
      const lines = block(b);
      if (lines.length > 0) out.push('', ...lines);
    }
  }
  return out.join('\n') + '\n';
}
