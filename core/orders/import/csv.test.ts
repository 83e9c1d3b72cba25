import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter } from './csv.js';

const cellsOf = (text: string, delimiter?: string): string[][] => parseCsv(text, delimiter).records.map((r) => r.cells);

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    ['plain LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['lone CR (old Mac)', 'a,b\r1,2', [['a', 'b'], ['1', '2']]],
    ['no final newline', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['empty cells', 'a,,c\n,,\n1,2,3', [['a', '', 'c'], ['', '', ''], ['1', '2', '3']]],
    ['quoted comma', '"a,b",c', [['a,b', 'c']]],
    ['escaped quotes', '"say ""hi""",x', [['say "hi"', 'x']]],
    ['only an escaped quote', '"""",x', [['"', 'x']]],
    ['empty quoted field', '"",x', [['', 'x']]],
    ['LF in quotes', '"line1\nline2",x\ny,z', [['line1\nline2', 'x'], ['y', 'z']]],
    ['CRLF in quotes', '"line1\r\nline2",x', [['line1\r\nline2', 'x']]],
    ['quote inside unquoted field kept literally', 'a"b,c', [['a"b', 'c']]],
    ['text after a closing quote appended (as Excel)', '"abc"def,g', [['abcdef', 'g']]],
    ['trailing empty lines dropped', 'a,b\r\n1,2\r\n\r\n\r\n', [['a', 'b'], ['1', '2']]],
    ['trailing comma-only lines dropped', 'a,b\n1,2\n,\n', [['a', 'b'], ['1', '2']]],
    ['Chinese', '订单号,收货人\n1,欧阳娜娜', [['订单号', '收货人'], ['1', '欧阳娜娜']]],
    ['tab delimiter', 'a\tb\n"x\ty"\tz', [['a', 'b'], ['x\ty', 'z']]],
  ])('%s', (_name, text, expected) => {
    const delimiter = text.includes('\t') && !text.includes(',') ? '\t' : ',';
    expect(cellsOf(text, delimiter)).toEqual(expected);
  });

  it('numbers records as Excel numbers rows: a multi-line cell is still one row', () => {
    const { records } = parseCsv('h1,h2\r\n"a\r\nb",1\r\n\r\nc,2\r\n');
    expect(records.map((r) => [r.row, r.cells[0]])).toEqual([[1, 'h1'], [2, 'a\r\nb'], [3, ''], [4, 'c']]);
  });

  it('reports an unterminated quote with the row where it opened', () => {
    const result = parseCsv('h1,h2\n1,"open\n2,3\n4,5\n');
    expect(result.unterminatedQuoteRow).toBe(2);
    expect(result.records).toHaveLength(2);
  });
});

describe('sniffDelimiter', () => {
  it.each<[string, string, string]>([
    ['订单号,收货人\n1\t2', 'a.csv', ','],
    ['订单号\t收货人\n1\t2', 'a.txt', '\t'],
    ['订单号', 'a.tsv', '\t'],
    ['订单号', 'a.csv', ','],
  ])('%j in %s → %j', (text, name, delimiter) => expect(sniffDelimiter(text, name)).toBe(delimiter));
});
