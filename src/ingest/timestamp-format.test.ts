import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectTimestampFormat,
  validateStrptimeFormat,
  type TTimestampFormat,
} from './timestamp-format.js';

type TCase = {
  samples: string[];
  /** `ambiguous`: day/month order guessed, with a note that names the other order. */
  expected: TTimestampFormat | { error: RegExp } | { ambiguous: string; note: RegExp };
  /** The instant the first sample means, as DuckDB prints a TIMESTAMPTZ in UTC. */
  instant?: string;
};

const AMBIGUOUS_DAY_FIRST = /day and month are ambiguous.*day-first/;
const AMBIGUOUS_MONTH_FIRST = /day and month are ambiguous.*month-first, as usual with AM\/PM/;

// Real-world shapes; several are copied from public data in ../shared/data.
const CASES: [string, TCase][] = [
  [
    'ISO date only (BPIC 2016 complaints)',
    { samples: ['2016-01-12', '2016-01-13'], expected: { kind: 'iso', hasOffset: false } },
  ],
  [
    'ISO with offset and milliseconds (BPIC 2012)',
    {
      samples: ['2011-10-01T00:38:44.546+02:00', '2012-03-01T09:27:41.325+01:00'],
      expected: { kind: 'iso', hasOffset: true },
      instant: '2011-09-30 22:38:44.546+00',
    },
  ],
  [
    'ISO with a space and nanoseconds (BPIC 2016 clicks)',
    {
      samples: ['2015-09-09 08:41:16.933000000', '2015-09-09 11:17:33.703000000'],
      expected: { kind: 'iso', hasOffset: false },
    },
  ],
  [
    'ISO in UTC with Z',
    { samples: ['2024-01-01T10:00:00Z'], expected: { kind: 'iso', hasOffset: true } },
  ],
  [
    'ISO without seconds, and without leading zeros',
    {
      samples: ['2021-03-04 05:06', '2021-3-4 5:06:07'],
      expected: { kind: 'iso', hasOffset: false },
    },
  ],
  [
    'ISO with compact and hour-only offsets',
    {
      samples: ['2016-01-12T10:00:05+0200', '2016-01-12T10:00:05-03'],
      expected: { kind: 'iso', hasOffset: true },
      instant: '2016-01-12 08:00:05+00',
    },
  ],
  [
    'ISO, some values with an offset and some without',
    {
      samples: ['2016-01-12T10:00:05Z', '2016-01-12 10:00:05'],
      expected: {
        kind: 'iso',
        hasOffset: false,
        note: 'some values carry a UTC offset and some do not; those without are read in the import time zone',
      },
    },
  ],
  [
    'US 12-hour clock (Baltimore 311)',
    {
      samples: ['04/12/2018 11:11:26 AM', '04/13/2018 12:45:48 PM'],
      expected: { kind: 'strptime', format: '%m/%d/%Y %I:%M:%S %p', hasOffset: false },
      instant: '2018-04-12 11:11:26+00',
    },
  ],
  [
    'US 12-hour clock, every value ambiguous',
    {
      samples: ['04/12/2018 11:11:26 AM', '05/11/2018 01:02:03 pm'],
      expected: { ambiguous: '%m/%d/%Y %I:%M:%S %p', note: AMBIGUOUS_MONTH_FIRST },
    },
  ],
  [
    'day-first, 24-hour, without seconds',
    {
      samples: ['12/04/2018 23:11', '13/04/2018 09:00'],
      expected: { kind: 'strptime', format: '%d/%m/%Y %H:%M', hasOffset: false },
      instant: '2018-04-12 23:11:00+00',
    },
  ],
  [
    'German dotted date',
    {
      samples: ['31.12.2018 23:59:59', '1.2.2019 0:00:01'],
      expected: { kind: 'strptime', format: '%d.%m.%Y %H:%M:%S', hasOffset: false },
    },
  ],
  [
    'dashed day-first date only',
    {
      samples: ['31-12-2018', '01-01-2019'],
      expected: { kind: 'strptime', format: '%d-%m-%Y', hasOffset: false },
      instant: '2018-12-31 00:00:00+00',
    },
  ],
  [
    'two-digit years, every value ambiguous, 24-hour',
    {
      samples: ['1/2/18 9:05', '3/4/18 17:30'],
      expected: { ambiguous: '%d/%m/%y %H:%M', note: AMBIGUOUS_DAY_FIRST },
      instant: '2018-02-01 09:05:00+00',
    },
  ],
  [
    'month-first with a day above 12',
    {
      samples: ['1/2/2018', '1/31/2018'],
      expected: { kind: 'strptime', format: '%m/%d/%Y', hasOffset: false },
    },
  ],
  [
    'year first with slashes',
    {
      samples: ['2018/04/12 11:11:26'],
      expected: { kind: 'strptime', format: '%Y/%m/%d %H:%M:%S', hasOffset: false },
    },
  ],
  [
    'ISO-like with a trailing UTC',
    {
      samples: ['2016-01-12 10:00:05 UTC'],
      expected: { kind: 'strptime', format: '%Y-%m-%d %H:%M:%S %Z', hasOffset: true },
      instant: '2016-01-12 10:00:05+00',
    },
  ],
  [
    'ISO-like with a comma before the fraction',
    {
      samples: ['2016-01-12T10:00:05,123'],
      expected: { kind: 'strptime', format: '%Y-%m-%dT%H:%M:%S,%f', hasOffset: false },
    },
  ],
  [
    'nanoseconds in a dotted date',
    {
      samples: ['31.12.2018 23:59:59.123456789'],
      expected: { kind: 'strptime', format: '%d.%m.%Y %H:%M:%S.%n', hasOffset: false },
    },
  ],
  [
    'day-month name (Oracle style)',
    {
      samples: ['12-Apr-2018 11:11:26', '03-MAY-2018 07:00:00'],
      expected: { kind: 'strptime', format: '%d-%b-%Y %H:%M:%S', hasOffset: false },
    },
  ],
  [
    'month name first, with a comma',
    {
      samples: ['Apr 12, 2018', 'May 3, 2018'],
      expected: { kind: 'strptime', format: '%b %d, %Y', hasOffset: false },
    },
  ],
  [
    'full month name with a 12-hour time',
    {
      samples: ['April 12, 2018 3:04 PM'],
      expected: { kind: 'strptime', format: '%B %d, %Y %I:%M %p', hasOffset: false },
      instant: '2018-04-12 15:04:00+00',
    },
  ],
  [
    'RFC 2822 with GMT',
    {
      samples: ['Thu, 12 Apr 2018 11:11:26 GMT'],
      expected: { kind: 'strptime', format: '%a, %d %b %Y %H:%M:%S %Z', hasOffset: true },
    },
  ],
  [
    'RFC 2822 with an offset',
    {
      samples: ['Thu, 12 Apr 2018 11:11:26 +0200'],
      expected: { kind: 'strptime', format: '%a, %d %b %Y %H:%M:%S %z', hasOffset: true },
      instant: '2018-04-12 09:11:26+00',
    },
  ],
  [
    'Twitter created_at (customer support on Twitter)',
    {
      samples: ['Tue Oct 31 22:10:47 +0000 2017', 'Tue Oct 31 22:11:45 +0000 2017'],
      expected: { kind: 'strptime', format: '%a %b %d %H:%M:%S %z %Y', hasOffset: true },
      instant: '2017-10-31 22:10:47+00',
    },
  ],
  [
    'compact date',
    {
      samples: ['20180412', '20181231'],
      expected: { kind: 'strptime', format: '%Y%m%d', hasOffset: false },
    },
  ],
  [
    'compact date and time',
    {
      samples: ['20180412111126'],
      expected: { kind: 'strptime', format: '%Y%m%d%H%M%S', hasOffset: false },
    },
  ],
  [
    'epoch seconds',
    {
      samples: ['1523531486', '1523531999.5'],
      expected: { kind: 'epoch', unit: 's', hasOffset: true },
      instant: '2018-04-12 11:11:26+00',
    },
  ],
  [
    'epoch milliseconds',
    {
      samples: ['1523531486123', '1523531999000'],
      expected: { kind: 'epoch', unit: 'ms', hasOffset: true },
      instant: '2018-04-12 11:11:26.123+00',
    },
  ],
  [
    'one bad value among good ones',
    {
      samples: [...Array.from({ length: 19 }, (_, i) => `2024-01-${10 + i}`), 'N/A'],
      expected: {
        kind: 'iso',
        hasOffset: false,
        note: '1 of 20 sampled values do not fit (e.g. "N/A"); records with such values will be quarantined',
      },
    },
  ],
  ['nothing but blanks', { samples: ['', '  '], expected: { error: /no values/ } }],
  ['words', { samples: ['yesterday', 'today'], expected: { error: /not a timestamp format/ } }],
  [
    'half ISO, half US',
    {
      samples: ['2018-04-12 11:11:26', '04/12/2018 11:11:26 AM'],
      expected: { error: /no single timestamp format fits more than half of 2 sampled values/ },
    },
  ],
  [
    'day-first and month-first at once',
    {
      samples: ['13/01/2018', '01/13/2018'],
      expected: { error: /day-first in some values \(day 13\) and month-first in others/ },
    },
  ],
  [
    'microseconds since the epoch',
    { samples: ['1523531486123456'], expected: { error: /too large for epoch seconds/ } },
  ],
];

describe('detectTimestampFormat', () => {
  it.each(CASES)('%s', (_name, { samples, expected }) => {
    const got = detectTimestampFormat(samples);
    if ('ambiguous' in expected) {
      expect(got).toMatchObject({ kind: 'strptime', format: expected.ambiguous, hasOffset: false });
      expect('note' in got ? got.note : '').toMatch(expected.note);
      expect('note' in got ? got.note : '').toContain('--timestamp-format');
    } else if ('error' in expected) {
      expect(got).toHaveProperty('error');
      expect('error' in got ? got.error : '').toMatch(expected.error);
    } else {
      expect(got).toEqual(expected);
    }
  });

  it('warns when epoch seconds look like durations or spreadsheet days', () => {
    expect(detectTimestampFormat(['43202.46', '43203.1'])).toMatchObject({
      kind: 'epoch',
      unit: 's',
      note: expect.stringMatching(/before 1973/) as unknown,
    });
  });
});

describe('validateStrptimeFormat', () => {
  it.each([
    ['%m/%d/%Y %I:%M:%S %p', undefined],
    ['%Y-%m-%dT%H:%M:%S.%f%z', undefined],
    ['%d.%m.%Y', undefined],
    ['%Y%j', undefined],
    ['%-d/%-m/%Y %-H:%M', undefined],
    ['100%% at %Y-%m-%d', undefined],
  ])('accepts %j', (format, problem) => {
    expect(validateStrptimeFormat(format)).toBe(problem);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['YYYY-MM-DD HH:mm:ss', /has no % specifiers.*'%Y-%m-%d %H:%M:%S'/],
    ['%Y-%m-%d %Q', /%Q is not a DuckDB strptime specifier/],
    ['%s', /%s is not a DuckDB strptime specifier/],
    ['%Y-%m-%d %', /ends with a lone "%"/],
    ['%H:%M:%S', /has no year/],
    ['%Y-%m', /has no day/],
    ['%d/%m/%Y %I:%M', /%I \(12-hour clock\) without %p/],
    ['%Y-%m-%d %Y', /uses %Y twice/],
  ])('rejects %j', (format, problem) => {
    expect(validateStrptimeFormat(format)).toMatch(problem);
  });
});

// The decisions above are only useful if DuckDB reads them: check each against the engine.
describe('timestamp formats on DuckDB', () => {
  let connection: DuckDBConnection;
  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
  });
  afterAll(() => connection.closeSync());

  async function parse(value: string, how: TTimestampFormat): Promise<string | null> {
    const expression =
      how.kind === 'iso'
        ? 'try_cast($1 AS TIMESTAMPTZ)'
        : how.kind === 'epoch'
          ? `to_timestamp(try_cast($1 AS DOUBLE) / ${how.unit === 's' ? 1 : 1000})`
          : 'CAST(try_strptime($1, $2) AS TIMESTAMPTZ)';
    const values = how.kind === 'strptime' ? [value, how.format] : [value];
    const reader = await connection.runAndReadAll(
      `SELECT CAST(${expression} AS VARCHAR) AS t`,
      values,
    );
    return (reader.getRowObjectsJson()[0]?.t as string | null | undefined) ?? null;
  }

  it.each(CASES.filter(([, c]) => !('error' in c.expected)))(
    'reads every sample of: %s',
    async (_name, { samples, instant }) => {
      const how = detectTimestampFormat(samples);
      if ('error' in how) throw new Error(how.error);
      const parsed = await Promise.all(
        samples.filter((s) => s.trim() !== 'N/A').map((s) => parse(s.trim(), how)),
      );
      expect(parsed.every((p) => p !== null)).toBe(true);
      if (instant !== undefined) expect(parsed[0]).toBe(instant);
    },
  );

  it('tells a value that does not fit its format (so the checks above can fail)', async () => {
    const monthFirst: TTimestampFormat = { kind: 'strptime', format: '%m/%d/%Y', hasOffset: false };
    expect(await parse('31/12/2018', monthFirst)).toBeNull();
    expect(await parse('2018-13-01', { kind: 'iso', hasOffset: false })).toBeNull();
  });

  it('accepts exactly the specifiers validateStrptimeFormat accepts', async () => {
    for (const spec of 'aAbBcdfgGhHIjmMnpSTuUVwWxXyYzZeEiJkKlLNoOPqQrRsCDFtv'.split('')) {
      for (const dash of ['', '-']) {
        const format = `%Y %d %${dash}${spec}${spec === 'I' ? ' %p' : ''}`;
        const ours = validateStrptimeFormat(format);
        const specOk = ours === undefined || !/not a DuckDB strptime specifier/.test(ours);
        let engineOk = true;
        try {
          await connection.run('SELECT try_strptime($1, $2)', ['x', format]);
        } catch {
          engineOk = false;
        }
        expect(specOk, `%${dash}${spec}`).toBe(engineOk);
      }
    }
  });
});
