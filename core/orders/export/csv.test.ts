import { describe, expect, it } from 'vitest';
import { parseCsv } from '../import/csv.js';
import { csvCell, toCsv } from './csv.js';
import type { ExportColumn } from './format.js';

const text: ExportColumn = { key: 't', header: '文本', kind: 'text' };
const money: ExportColumn = { key: 'm', header: '金额', kind: 'money' };
const int: ExportColumn = { key: 'i', header: '数量', kind: 'int' };
const time: ExportColumn = { key: 'at', header: '时间', kind: 'time' };

describe('csvCell', () => {
  it.each<[ExportColumn, unknown, string]>([
    [money, 1230, '12.30'],
    [money, -1250, '-12.50'],
    [money, 0, '0.00'],
    [money, null, ''],
    [int, 3, '3'],
    [int, -2, '-2'],
    [time, Date.UTC(2024, 10, 28, 2, 3, 4), '2024-11-28 10:03:04'],
    [time, undefined, ''],
    [text, '张三', '张三'],
    [text, '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    [text, '+1', "'+1"],
    [text, '-1', "'-1"],
    [text, '@SUM(1)', "'@SUM(1)"],
    [text, '\t=1', "'\t=1"],
    [text, '\r=1', `"'\r=1"`],
    [text, 'a,b', '"a,b"'],
    [text, 'line1\nline2', '"line1\nline2"'],
    [text, ' padded', '" padded"'],
    [text, '6919834213451234567', '6919834213451234567\t'],
    [text, '0571', '0571\t'],
    [text, '13812345678', '13812345678'],
    [text, ['加急', 'VIP'], '加急;VIP'],
    [text, 12, '12'],
  ])('%o %j → %j', (column, value, expected) => expect(csvCell(column, value)).toBe(expected));

  it.each<[ExportColumn, unknown]>([
    [money, 12.5],
    [money, '12.50'],
    [int, 1.5],
    [time, 'yesterday'],
  ])('refuses a value of the wrong type (%o %j): a caller bug must not become a wrong number', (column, value) => {
    expect(() => csvCell(column, value)).toThrow(TypeError);
  });
});

describe('toCsv', () => {
  const columns: ExportColumn[] = [
    { key: 'id', header: '订单号', kind: 'text' },
    { key: 'name', header: '收货人', kind: 'text' },
    { key: 'paid', header: '实付', kind: 'money' },
    { key: 'qty', header: '数量', kind: 'int' },
    { key: 'at', header: '下单时间', kind: 'time' },
  ];
  const rows = [
    { id: '6919834213451234567', name: '王小明', paid: -1250, qty: 2, at: Date.UTC(2024, 0, 1, 0, 0, 0) },
    { id: '231128-123456789012345', name: '李"四",五', paid: 1999, qty: 1, at: null },
  ];

  it('starts with a UTF-8 BOM and writes CRLF records', async () => {
    const bytes = await toCsv(columns, rows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.subarray(3).toString('utf8');
    expect(body.split('\r\n')).toEqual([
      '订单号,收货人,实付,数量,下单时间',
      '6919834213451234567\t,王小明,-12.50,2,2024-01-01 08:00:00',
      '231128-123456789012345,"李""四"",五",19.99,1,',
      '',
    ]);
  });

  it('reads back through an RFC 4180 parser with Chinese text intact', async () => {
    async function* asyncRows() {
      yield* rows;
    }
    const bytes = await toCsv(columns, asyncRows());
    const { records } = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(records.map((r) => r.cells[1])).toEqual(['收货人', '王小明', '李"四",五']);
  });
});
