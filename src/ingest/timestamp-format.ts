/**
 * Decides, from a sample of a timestamp column's text values, how DuckDB should parse the
 * column: a cast (ISO 8601), `strptime` with a format, or epoch seconds/milliseconds. Also
 * checks a user's `--timestamp-format`.
 *
 * Pure: no I/O, no engine. The decision is made here and tested as data; normalize.ts renders
 * it to SQL. Every format this module returns is one that DuckDB's cast or strptime reads
 * (timestamp-format.test.ts checks that against the real engine).
 */

/** How to parse a timestamp column, with what the sample showed. */
export type TTimestampFormat = (
  { kind: 'iso' } | { kind: 'strptime'; format: string } | { kind: 'epoch'; unit: 's' | 'ms' }
) & {
  /** Values are instants (they carry Z or an offset, or are epoch numbers): --timezone does not apply. */
  hasOffset: boolean;
  /** An assumption worth telling the user about (ambiguous day/month, values that do not fit...). */
  note?: string;
};

/**
 * A majority of the sampled values must fit the chosen format. The rest do not block the
 * import: their records are quarantined with the reason, and the good records are kept.
 */
const MIN_FIT = 0.5;

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const FULL_MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december';
const DAYS = 'mon|tue|wed|thu|fri|sat|sun';
const FULL_DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

/**
 * ISO 8601 as DuckDB's cast reads it: 'T' or space, HH:MM[:SS[.f{1,9}]], Z or ±hh[[:]mm].
 * (A trailing " UTC" is cast too, but only strptime's %Z marks it as an instant downstream.)
 */
const ISO =
  /^\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A time of day after a date: separator, clock, fraction, AM/PM, zone. */
const TIME =
  /^([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:([.,])(\d{1,9}))?)?(?:( ?)([AaPp][Mm]))?(?:( ?)([+-]\d{2}:?\d{2}|UTC|GMT))?$/;

const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?=$|[T ])/;
const YEAR_FIRST_DATE = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?=$|[T ])/;
const DAY_MONTH_NAME = new RegExp(
  `^(?:(${FULL_DAYS}|${DAYS})(,? ))?(\\d{1,2})([ -])(${FULL_MONTHS}|${MONTHS})\\4(\\d{4}|\\d{2})(?=$|[T ])`,
  'i',
);
const MONTH_NAME_DAY = new RegExp(
  `^(?:(${FULL_DAYS}|${DAYS})(,? ))?(${FULL_MONTHS}|${MONTHS}) (\\d{1,2})(,? )(\\d{4})(?=$|[T ])`,
  'i',
);
/** C's ctime and Twitter's created_at: `Tue Oct 31 22:10:47 +0000 2017`. */
const CTIME = new RegExp(
  `^(${FULL_DAYS}|${DAYS}) (${FULL_MONTHS}|${MONTHS}) (\\d{1,2}) \\d{1,2}:\\d{2}:\\d{2} (?:([+-]\\d{2}:?\\d{2}|UTC|GMT) )?\\d{4}$`,
  'i',
);
const EPOCH = /^-?\d{1,16}(?:\.\d+)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

/** One sampled value, read: the format it fits (`{DM}` where day/month order is open). */
type TShape = {
  format: string;
  hasOffset: boolean;
  /** For `{DM}` formats: the two leading numbers, and whether the clock is 12-hour. */
  first?: number;
  second?: number;
  twelveHour?: boolean;
  epoch?: number;
};

/**
 * Chooses how to parse a timestamp column from a sample of its values (blank ones ignored).
 *
 * @example detectTimestampFormat(['04/12/2018 11:11:26 AM', '04/13/2018 01:02:03 PM'])
 *   // { kind: 'strptime', format: '%m/%d/%Y %I:%M:%S %p', hasOffset: false }
 */
export function detectTimestampFormat(
  samples: readonly string[],
): TTimestampFormat | { error: string } {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return { error: 'no values to tell the timestamp format from' };
  const groups = new Map<string, { value: string; shape: TShape }[]>();
  const unreadable: string[] = [];
  for (const value of values) {
    const shape = shapeOf(value);
    if (shape === undefined) {
      unreadable.push(value);
      continue;
    }
    const group = groups.get(shape.format);
    if (group === undefined) groups.set(shape.format, [{ value, shape }]);
    else group.push({ value, shape });
  }
  const best = [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const misfits = values.length - best.length;
  if (best.length <= values.length * MIN_FIT) {
    return { error: noFormatError(values.length, unreadable, [...groups.values()]) };
  }
  const decided = decide(best.map((b) => b.shape));
  if ('error' in decided) return decided;
  const notes = decided.note === undefined ? [] : [decided.note];
  if (misfits > 0) {
    const other = values.find((v) => !best.some((b) => b.value === v)) ?? '';
    notes.push(
      `${misfits} of ${values.length} sampled values do not fit (e.g. ${JSON.stringify(other)}); ` +
        'records with such values will be quarantined',
    );
  }
  const note = notes.length > 0 ? notes.join('; ') : undefined;
  return note === undefined ? withoutNote(decided) : { ...decided, note };
}

function withoutNote(f: TTimestampFormat): TTimestampFormat {
  const copy = { ...f };
  delete copy.note;
  return copy;
}

function noFormatError(
  count: number,
  unreadable: readonly string[],
  groups: readonly { value: string; shape: TShape }[][],
): string {
  if (groups.length === 0) {
    return `not a timestamp format Journeylens recognises (e.g. ${JSON.stringify(unreadable[0])})`;
  }
  const examples = [...groups]
    .sort((a, b) => b.length - a.length)
    .slice(0, 3)
    .map((g) => JSON.stringify(g[0]?.value));
  const unread = unreadable.length > 0 ? `, ${unreadable.length} unrecognised` : '';
  return `no single timestamp format fits more than half of ${count} sampled values (formats seen: e.g. ${examples.join(', ')}${unread})`;
}

/** Reads one value: which format it fits, or undefined. */
function shapeOf(value: string): TShape | undefined {
  const iso = ISO.exec(value);
  if (iso !== null) return { format: 'iso', hasOffset: iso[1] !== undefined };
  const compact = COMPACT.exec(value);
  if (compact !== null && validCompact(compact)) {
    const time = compact[4] === undefined ? '' : compact[6] === undefined ? '%H%M' : '%H%M%S';
    return { format: `%Y%m%d${time}`, hasOffset: false };
  }
  if (EPOCH.test(value)) return { format: 'epoch', hasOffset: true, epoch: Number(value) };

  const numeric = NUMERIC_DATE.exec(value);
  if (numeric !== null) {
    const [date, first, sep, second, year] = numeric;
    const time = timeFormat(value.slice(date.length));
    if (time === undefined) return undefined;
    const y = (year ?? '').length === 4 ? '%Y' : '%y';
    return {
      format: `{DM}${sep}{DM}${sep}${y}${time.format}`,
      hasOffset: time.hasOffset,
      first: Number(first),
      second: Number(second),
      twelveHour: time.twelveHour,
    };
  }
  const yearFirst = YEAR_FIRST_DATE.exec(value);
  if (yearFirst !== null) {
    const [date, , sep] = yearFirst;
    const time = timeFormat(value.slice(date.length));
    if (time === undefined) return undefined;
    return { format: `%Y${sep}%m${sep}%d${time.format}`, hasOffset: time.hasOffset };
  }
  const dayMonth = DAY_MONTH_NAME.exec(value);
  if (dayMonth !== null) {
    const [date, weekday, afterWeekday, , sep, month, year] = dayMonth;
    const time = timeFormat(value.slice(date.length));
    if (time === undefined) return undefined;
    const y = (year ?? '').length === 4 ? '%Y' : '%y';
    const format = `${weekdayFormat(weekday, afterWeekday)}%d${sep}${monthFormat(month)}${sep}${y}`;
    return { format: format + time.format, hasOffset: time.hasOffset };
  }
  const monthDay = MONTH_NAME_DAY.exec(value);
  if (monthDay !== null) {
    const [date, weekday, afterWeekday, month, , beforeYear] = monthDay;
    const time = timeFormat(value.slice(date.length));
    if (time === undefined) return undefined;
    const format = `${weekdayFormat(weekday, afterWeekday)}${monthFormat(month)} %d${beforeYear}%Y`;
    return { format: format + time.format, hasOffset: time.hasOffset };
  }
  const ctime = CTIME.exec(value);
  if (ctime !== null) {
    const [, weekday, month, , zone] = ctime;
    const zoneFormat = zone === undefined ? '' : /^[+-]/.test(zone) ? '%z ' : '%Z ';
    return {
      format: `${weekdayFormat(weekday, ' ')}${monthFormat(month)} %d %H:%M:%S ${zoneFormat}%Y`,
      hasOffset: zone !== undefined,
    };
  }
  return undefined;
}

/** The strptime format of what follows a date ('' for nothing), or undefined if unreadable. */
function timeFormat(
  rest: string,
): { format: string; hasOffset: boolean; twelveHour: boolean } | undefined {
  if (rest === '') return { format: '', hasOffset: false, twelveHour: false };
  const t = TIME.exec(rest);
  if (t === null) return undefined;
  const [, sep, , , seconds, point, fraction, beforeAmPm, amPm, beforeZone, zone] = t;
  const twelveHour = amPm !== undefined;
  let format = `${sep}${twelveHour ? '%I' : '%H'}:%M`;
  if (seconds !== undefined) format += ':%S';
  if (fraction !== undefined) format += `${point}${fraction.length <= 6 ? '%f' : '%n'}`;
  if (twelveHour) format += `${beforeAmPm}%p`;
  if (zone !== undefined) format += `${beforeZone}${/^[+-]/.test(zone) ? '%z' : '%Z'}`;
  return { format, hasOffset: zone !== undefined, twelveHour };
}

function monthFormat(month: string | undefined): string {
  const m = (month ?? '').toLowerCase();
  // "May" is both the full and the short name; %b reads it.
  return m.length > 3 ? '%B' : '%b';
}

function weekdayFormat(weekday: string | undefined, after: string | undefined): string {
  if (weekday === undefined) return '';
  return `${weekday.length > 3 ? '%A' : '%a'}${after ?? ' '}`;
}

/** Whether digits read as YYYYMMDD[HHMM[SS]] make a plausible date and time. */
function validCompact(parts: RegExpExecArray): boolean {
  const [, year, month, day, hour, minute, second] = parts.map(Number);
  const inRange = (n: number | undefined, lo: number, hi: number): boolean =>
    n === undefined || Number.isNaN(n) || (n >= lo && n <= hi);
  return (
    (year ?? 0) >= 1900 &&
    (year ?? 0) <= 2100 &&
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= 31 &&
    inRange(hour, 0, 23) &&
    inRange(minute, 0, 59) &&
    inRange(second, 0, 59)
  );
}

/** Turns the shapes of one format group into the decision. */
function decide(shapes: readonly TShape[]): TTimestampFormat | { error: string } {
  const first = shapes[0];
  if (first === undefined) return { error: 'no values' };
  const allOffsets = shapes.every((s) => s.hasOffset);
  if (first.format === 'iso') {
    const some = shapes.some((s) => s.hasOffset);
    return some && !allOffsets
      ? {
          kind: 'iso',
          hasOffset: false,
          note: 'some values carry a UTC offset and some do not; those without are read in the import time zone',
        }
      : { kind: 'iso', hasOffset: allOffsets };
  }
  if (first.format === 'epoch') return decideEpoch(shapes.map((s) => s.epoch ?? 0));
  if (first.format.includes('{DM}')) return decideDayMonth(first.format, shapes);
  return { kind: 'strptime', format: first.format, hasOffset: allOffsets };
}

function decideEpoch(numbers: readonly number[]): TTimestampFormat | { error: string } {
  const magnitudes = numbers.map((n) => Math.abs(n)).sort((a, b) => a - b);
  const median = magnitudes[Math.floor(magnitudes.length / 2)] ?? 0;
  if (median >= 1e14) {
    return { error: 'numbers too large for epoch seconds or milliseconds (microseconds?)' };
  }
  const unit = median >= 1e11 ? 'ms' : 's';
  // 1e8 s is March 1973: smaller "epochs" are more likely durations or spreadsheet day numbers.
  if (unit === 's' && median < 1e8) {
    return {
      kind: 'epoch',
      unit,
      hasOffset: true,
      note: `numbers read as epoch seconds fall before 1973 (e.g. ${numbers[0]}); if they are durations or spreadsheet day numbers, convert them first`,
    };
  }
  return { kind: 'epoch', unit, hasOffset: true };
}

/** Day-first or month-first, from the values: a number above 12 settles it. */
function decideDayMonth(
  template: string,
  shapes: readonly TShape[],
): TTimestampFormat | { error: string } {
  const dayFirst = shapes.find((s) => (s.first ?? 0) > 12);
  const monthFirst = shapes.find((s) => (s.second ?? 0) > 12);
  const hasOffset = shapes.every((s) => s.hasOffset);
  const fill = (a: string, b: string): string => template.replace('{DM}', a).replace('{DM}', b);
  if (dayFirst !== undefined && monthFirst !== undefined) {
    return {
      error: `dates are day-first in some values (day ${dayFirst.first}) and month-first in others (day ${monthFirst.second})`,
    };
  }
  if (dayFirst !== undefined) return { kind: 'strptime', format: fill('%d', '%m'), hasOffset };
  if (monthFirst !== undefined) return { kind: 'strptime', format: fill('%m', '%d'), hasOffset };
  const twelveHour = shapes.some((s) => s.twelveHour === true);
  const format = twelveHour ? fill('%m', '%d') : fill('%d', '%m');
  const alternative = twelveHour ? fill('%d', '%m') : fill('%m', '%d');
  return {
    kind: 'strptime',
    format,
    hasOffset,
    note:
      `day and month are ambiguous in every sampled value (none above 12): read as ` +
      `${twelveHour ? 'month-first, as usual with AM/PM' : 'day-first, as usual with a 24-hour clock'}; ` +
      `if that is wrong, use --timestamp-format '${alternative}'`,
  };
}

/** strptime specifiers DuckDB accepts (checked against the engine in the tests). */
const SPECIFIERS = new Set(
  'a A b B c d -d f g G h H -H I -I j -j m -m M -M n p S -S T u U V w W x X y -y Y z Z %'.split(
    ' ',
  ),
);
const YEAR = ['Y', 'y', '-y', 'G', 'c', 'x'];

/**
 * Checks a user's --timestamp-format (DuckDB strptime syntax); returns what is wrong with it,
 * or undefined when it is usable.
 *
 * @example validateStrptimeFormat('YYYY-MM-DD') // 'has no % specifiers: ...'
 */
export function validateStrptimeFormat(format: string): string | undefined {
  if (format.trim() === '') return 'the format is empty';
  const used: string[] = [];
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    const dash = format[i + 1] === '-';
    const letter = format[i + (dash ? 2 : 1)];
    if (letter === undefined) return `"${format}" ends with a lone "%"`;
    const spec = (dash ? '-' : '') + letter;
    if (!SPECIFIERS.has(spec)) {
      return `%${spec} is not a DuckDB strptime specifier (use e.g. %Y %m %d %H %M %S %f %p %z; %% for a literal %)`;
    }
    if (spec !== '%') used.push(spec);
    i += spec.length;
  }
  if (used.length === 0) {
    return `"${format}" has no % specifiers: DuckDB strptime formats look like '%Y-%m-%d %H:%M:%S', not 'YYYY-MM-DD HH:mm:ss'`;
  }
  const has = (...specs: string[]): boolean => specs.some((s) => used.includes(s));
  if (!has(...YEAR)) return `"${format}" has no year (%Y or %y)`;
  if (!has('d', '-d', 'j', '-j', 'c', 'x', 'U', 'W', 'V')) {
    return `"${format}" has no day (%d, or %j for the day of the year)`;
  }
  if (has('I', '-I') && !has('p')) return `"${format}" uses %I (12-hour clock) without %p (AM/PM)`;
  const repeated = used.find((s, i) => used.indexOf(s) !== i);
  if (repeated !== undefined) return `"${format}" uses %${repeated} twice`;
  return undefined;
}
