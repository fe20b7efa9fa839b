import { describe, expect, it } from 'vitest';
import { render } from './sql.js';
import { rejectedRecords, selectColumns } from './survey-table.js';

describe('survey table queries', () => {
  it('selects the chosen columns under positional names, quoting the file’s names', () => {
    expect(render(selectColumns('jl_survey', ['Seat Comfort', 'say "hi"'])).text).toBe(
      'SELECT "Seat Comfort" AS c0, "say ""hi""" AS c1 FROM jl_survey ORDER BY rowid',
    );
  });

  it('turns rejected lines into record numbers (the header is line 1)', () => {
    expect(render(rejectedRecords('jl_rejects')).text).toBe(
      'SELECT DISTINCT line - 1 AS record FROM jl_rejects ORDER BY record',
    );
  });
});
