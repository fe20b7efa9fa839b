import { describe, expect, it } from 'vitest';
import { ident, join, param, raw, render, sql } from './sql.js';

describe('sql', () => {
  it('binds interpolated values as parameters, never as text', () => {
    const evil = "x'; DROP TABLE events; --";
    const q = render(sql`SELECT * FROM events WHERE channel = ${evil} AND cost > ${2.5}`);
    expect(q.text).toBe('SELECT * FROM events WHERE channel = $1 AND cost > $2');
    expect(q.params).toEqual([evil, 2.5]);
  });

  it('numbers parameters across nested fragments in order', () => {
    const pred = sql`ts >= ${'2025-01-01'}`;
    const q = render(
      sql`SELECT ${1} FROM t WHERE ${pred} AND a IN (${join([param('a'), param('b')])})`,
    );
    expect(q.text).toBe('SELECT $1 FROM t WHERE ts >= $2 AND a IN ($3, $4)');
    expect(q.params).toEqual([1, '2025-01-01', 'a', 'b']);
  });

  it('quotes identifiers, doubling embedded quotes', () => {
    expect(render(sql`SELECT ${ident('Complaint "Topic"')} FROM ${raw('s')}`).text).toBe(
      'SELECT "Complaint ""Topic""" FROM s',
    );
  });

  it('prints ClickHouse typed placeholders', () => {
    const q = render(sql`SELECT ${'a'}, ${3}, ${1.5}, ${null}`, 'clickhouse');
    expect(q.text).toBe('SELECT {p1:String}, {p2:Int64}, {p3:Float64}, {p4:Nullable(String)}');
  });
});
