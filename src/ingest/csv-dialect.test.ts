import { describe, expect, it } from 'vitest';
import { columnNames, explicitDialect, headerDelimiter, splitLine } from './csv-dialect.js';

describe('splitLine', () => {
  it.each([
    ['a,b,c', ',', ['a', 'b', 'c']],
    ['a,"b, c",d', ',', ['a', 'b, c', 'd']],
    ['"say ""hi""";x', ';', ['say "hi"', 'x']],
    ['5" tv,x', ',', ['5" tv', 'x']],
    ['a,,', ',', ['a', '', '']],
  ])('%s on %j', (line, delimiter, fields) => {
    expect(splitLine(line, delimiter)).toEqual(fields);
  });
});

describe('the dialect of a file the sniffer found no quote in', () => {
  it('takes the delimiter that splits the header line the most', () => {
    expect(headerDelimiter('a;b;c')).toBe(';');
    expect(headerDelimiter('a\tb,c\td')).toBe('\t');
    expect(headerDelimiter('"x;y",b,c')).toBe(',');
    expect(headerDelimiter('alone')).toBe(',');
  });

  it('names columns as the reader does: repeats numbered, none empty', () => {
    expect(columnNames(['a', 'b', 'a', ' ', 'a'])).toEqual(['a', 'b', 'a_1', 'column3', 'a_2']);
  });

  it('tells the dialect only when some field is quoted', () => {
    const quoted = '\uFEFFid;name\r\n1;"a; b"\r\n2;"broken\r\n3;c';
    expect(explicitDialect(quoted)).toEqual({ delimiter: ';', columns: ['id', 'name'] });
    expect(explicitDialect('id,size\n1,5" tv\n2,x\n')).toBeUndefined();
    expect(explicitDialect('id,name')).toBeUndefined();
  });
});
