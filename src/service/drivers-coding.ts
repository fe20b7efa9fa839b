/**
 * Turns the text cells of a survey table into the numbers key-driver analysis runs on, and
 * decides which rows it leaves out and why. A row is used only when its target and every
 * feature have a value; each row left out is counted once, under the first reason that
 * applies in this order:
 *
 *   nonNumeric     a cell that is not a number (the first few are named: record, column, value)
 *   empty          an empty cell
 *   notApplicable  a feature equal to the `na` value (e.g. 0 = "not applicable" on a 1–5 scale)
 *
 * `na` applies to features only (a target of 0 is a real answer on an NPS scale). A numeric
 * `na` matches by value (`0` matches `0.0`), any other by its text (`N/A`). With `positive`,
 * the target is 1 where it equals that text and 0 elsewhere.
 */
import { DriverError } from '../analysis/drivers.js';

export type TLeftOutReason = 'unreadable' | 'nonNumeric' | 'empty' | 'notApplicable';

/** Rows left out per reason; `unreadable` counts lines the CSV reader could not split. */
export type TLeftOut = Record<TLeftOutReason, number>;

export type TBadValue = { record: number; column: string; value: string };

export type TCodingOptions = {
  target: string;
  features: readonly string[];
  positive?: string | undefined;
  na?: string | undefined;
};

export type TCoded = {
  target: Float64Array;
  features: Float64Array[];
  leftOut: TLeftOut;
  /** The first cells that were not numbers, in file order. */
  nonNumeric: TBadValue[];
};

const EXAMPLES = 5;
const SHOWN_VALUES = 10;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number (`3`, `-0.5`, `1e3`); undefined for anything else. */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/**
 * Codes `cells[r] = [target, ...features]` (text or null for empty). `recordOf(r)` is the
 * 1-based record number of row r in the file, for naming bad values.
 */
export function codeRows(
  cells: readonly (readonly (string | null)[])[],
  options: TCodingOptions,
  recordOf: (row: number) => number,
): TCoded {
  const names = [options.target, ...options.features];
  const p = options.features.length;
  const positive = options.positive?.trim();
  const naText = options.na?.trim();
  const naNumber = naText === undefined ? undefined : parseNumber(naText);
  const target = new Float64Array(cells.length);
  const features = Array.from({ length: p }, () => new Float64Array(cells.length));
  const leftOut: TLeftOut = { unreadable: 0, nonNumeric: 0, empty: 0, notApplicable: 0 };
  const nonNumeric: TBadValue[] = [];
  const numbersSeen = new Array<number>(names.length).fill(0);
  const firstText = new Array<string | undefined>(names.length).fill(undefined);
  const coded = new Float64Array(names.length);
  const targetValues = new Set<string>();
  let used = 0;
  cells.forEach((row, r) => {
    let reason: TLeftOutReason | undefined;
    for (let c = 0; c < names.length; c++) {
      const text = row[c]?.trim() ?? '';
      const value = text === '' ? undefined : code(c, text);
      if (text === '') {
        if (reason !== 'nonNumeric') reason = 'empty';
      } else if (value === undefined) {
        reason = 'nonNumeric';
        firstText[c] ??= text;
        if (nonNumeric.length < EXAMPLES)
          nonNumeric.push({ record: recordOf(r), column: names[c] ?? '', value: text });
      } else if (Number.isNaN(value)) {
        reason ??= 'notApplicable';
      } else {
        coded[c] = value;
      }
    }
    if (reason !== undefined) {
      leftOut[reason] += 1;
      return;
    }
    target[used] = coded[0] ?? 0;
    for (let j = 0; j < p; j++) (features[j] as Float64Array)[used] = coded[j + 1] ?? 0;
    used += 1;
  });
  checkColumns(names, numbersSeen, firstText, options, targetValues);
  return {
    target: target.subarray(0, used),
    features: features.map((f) => f.subarray(0, used)),
    leftOut,
    nonNumeric,
  };

  /** The number in cell c, NaN for not applicable, undefined for text that is no number. */
  function code(c: number, text: string): number | undefined {
    if (c === 0 && positive !== undefined) {
      if (targetValues.size <= SHOWN_VALUES) targetValues.add(text);
      numbersSeen[0] = (numbersSeen[0] ?? 0) + (text === positive ? 1 : 0);
      return text === positive ? 1 : 0;
    }
    if (c > 0 && naNumber === undefined && text === naText) return Number.NaN;
    const value = parseNumber(text);
    if (value === undefined) return undefined;
    numbersSeen[c] = (numbersSeen[c] ?? 0) + 1;
    return c > 0 && value === naNumber ? Number.NaN : value;
  }
}

/** A column without a single number (or a `positive` never seen) is a mistake, not data. */
function checkColumns(
  names: readonly string[],
  numbersSeen: readonly number[],
  firstText: readonly (string | undefined)[],
  options: TCodingOptions,
  targetValues: ReadonlySet<string>,
): void {
  if (options.positive !== undefined && numbersSeen[0] === 0) {
    const values = [...targetValues].slice(0, SHOWN_VALUES).map((v) => `"${v}"`);
    const more = targetValues.size > SHOWN_VALUES ? ', …' : '';
    throw new DriverError(
      `--positive ${options.positive}: no row has this value in "${options.target}"; ` +
        (values.length === 0
          ? 'the column is empty'
          : `its values include ${values.join(', ')}${more}`),
    );
  }
  names.forEach((name, c) => {
    const text = firstText[c];
    if (numbersSeen[c] !== 0 || text === undefined) return;
    const hint =
      c === 0 ? `; for a yes/no target name the positive answer, e.g. --positive "${text}"` : '';
    throw new DriverError(`"${name}" holds no numbers (first value "${text}")${hint}`);
  });
}
