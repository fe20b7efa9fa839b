/**
 * The report as a small document: sections of facts, paragraphs, tables, scorecards and
 * charts, with every value already formatted for people. The section builders decide what a
 * CX lead reads; markdown.ts and html.ts only print it, so the two reports can never say
 * different things. Text here is plain: each printer escapes it for its own syntax.
 */

/**
 * A table cell: text, or text with a series drawn before it (a sparkline scaled to `sparkMax`,
 * default the series' own maximum; `sparkLabel` names every point).
 */
export type TCell =
  string | { text: string; spark: number[]; sparkMax?: number; sparkLabel: string };

/** `numeric` columns are right-aligned; `note` columns hold long explanatory text. */
export type TColumn = { label: string; numeric?: boolean; note?: boolean };

export type TTable = {
  kind: 'table';
  columns: TColumn[];
  rows: TCell[][];
  /** "…and 12 more" when the rows were bounded. */
  more?: string;
};

/** One scorecard: a title and labelled figures (Markdown prints cards as one table). */
export type TCard = { title: string; figures: [label: string, value: string][] };

export type TBar = { label: string; parts: number[]; text: string };
export type TChart =
  | {
      type: 'bars';
      title: string;
      /** A name per part of each bar (stacked), for the legend. */
      parts: string[];
      bars: TBar[];
    }
  | {
      type: 'lines';
      title: string;
      /** Labels of the x axis, in order. */
      x: string[];
      /** Values between 0 and 1 (shares), null where there is none. */
      series: { name: string; values: (number | null)[] }[];
    };

export type TBlock =
  | { kind: 'facts'; facts: [label: string, value: string][] }
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | TTable
  /** `label` names what the cards' titles are ("stage"). */
  | { kind: 'cards'; label: string; cards: TCard[] }
  /** Drawn in HTML only: every chart shows figures a table beside it gives as text. */
  | { kind: 'chart'; chart: TChart };

export type TSection = { id: string; title: string; blocks: TBlock[] };

export type TReport = { title: string; subtitle: string; sections: TSection[] };

/** A table of at most `limit` rows, saying how many more `what` there are. */
export function boundedTable(
  columns: TColumn[],
  rows: TCell[][],
  limit: number,
  what: string,
  where = '(all of them are in the JSON report: --format json).',
): TTable {
  const table: TTable = { kind: 'table', columns, rows: rows.slice(0, limit) };
  const hidden = rows.length - limit;
  if (hidden > 0) table.more = `…and ${hidden.toLocaleString('en-US')} more ${what} ${where}`;
  return table;
}
