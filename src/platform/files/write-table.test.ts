import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.ts';
import { neutralizeFormula, safeSheetName, type TableColumn, toCell, writeTable } from './write-table.ts';

const columns: TableColumn[] = [
  { key: 'name', header: 'Фамилия', type: 'text' },
  { key: 'born', header: 'Дата рождения', type: 'date' },
  { key: 'load', header: 'Нагрузка', type: 'number' },
  { key: 'note', header: 'Примечание' },
];
const rows = [
  { name: 'Иванова', born: '1985-03-15', load: 18.5, note: '=HYPERLINK("http://evil")' },
  { name: '+79001234567', born: null, load: 0, note: '-2' },
  { name: 'Щёлкова; "Анна"', born: '2001-12-31', load: '20', note: '@SUM(A1)' },
];

describe('formula neutralization', () => {
  it('prefixes text that starts with = + - @ tab or CR, and nothing else', () => {
    for (const s of ['=1+2', '+7900', '-x', '@cmd', '\tx', '\rx']) expect(neutralizeFormula(s)).toBe(`'${s}`);
    for (const s of ['Иванова', '1=1', "'=already", '']) expect(neutralizeFormula(s)).toBe(s);
  });

  it('never prefixes real numbers, which are not text', () => {
    expect(toCell(-5, undefined)).toEqual({ kind: 'number', n: -5 });
    expect(toCell('-5', 'text')).toEqual({ kind: 'text', text: "'-5" });
  });
});

describe('CSV for Russian Excel', () => {
  it('writes a BOM, `;`, CRLF, decimal commas, ДД.ММ.ГГГГ dates and quotes where needed', async () => {
    const out = await writeTable({ format: 'csv', sheetName: 'x', columns, rows });
    expect(out.contentType).toBe('text/csv; charset=utf-8');
    expect(out.extension).toBe('csv');
    const bytes = Buffer.from(out.data);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        'Фамилия;Дата рождения;Нагрузка;Примечание',
        `Иванова;15.03.1985;18,5;"'=HYPERLINK(""http://evil"")"`,
        "'+79001234567;;0;'-2",
        `"Щёлкова; ""Анна""";31.12.2001;20;'@SUM(A1)`,
        '',
      ].join('\r\n'),
    );
  });

  it('reads back through readTable to the same text', async () => {
    const out = await writeTable({ format: 'csv', sheetName: 'x', columns, rows });
    const t = await readTable({ fileName: 'x.csv', data: out.data });
    expect(t.headers).toEqual(columns.map((c) => c.header));
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['Иванова', '15.03.1985', '18,5', '=HYPERLINK("http://evil")'],
      ['+79001234567', '', '0', '-2'],
      ['Щёлкова; "Анна"', '31.12.2001', '20', '@SUM(A1)'],
    ]);
  });
});

describe('XLSX', () => {
  it('round-trips through readTable', async () => {
    const out = await writeTable({ format: 'xlsx', sheetName: 'Кадры', columns, rows });
    expect(out.extension).toBe('xlsx');
    expect(out.contentType).toMatch(/spreadsheetml/);
    const t = await readTable({ fileName: 'x.xlsx', data: out.data });
    expect(t.headers).toEqual(columns.map((c) => c.header));
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['Иванова', '15.03.1985', '18.5', '=HYPERLINK("http://evil")'] },
      { rowNumber: 3, cells: ['+79001234567', '', '0', '-2'] },
      { rowNumber: 4, cells: ['Щёлкова; "Анна"', '31.12.2001', '20', '@SUM(A1)'] },
    ]);
  });

  it('has a bold frozen header with an autofilter, typed cells, prefixed text and no formulas', async () => {
    const out = await writeTable({
      format: 'xlsx',
      sheetName: 'Кадры: [2026]',
      columns,
      rows,
      extraSheets: [{ sheetName: 'Справка', columns: [{ key: 'a', header: 'Столбец' }], rows: [{ a: 'x' }] }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Кадры   2026', 'Справка']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
    expect(ws.getCell('B2').value).toEqual(new Date(Date.UTC(1985, 2, 15)));
    expect(ws.getCell('C2').value).toBe(18.5);
    expect(ws.getCell('C4').value).toBe(20);
    expect(ws.getCell('D2').value).toBe(`'=HYPERLINK("http://evil")`);
    expect(ws.getCell('A3').value).toBe("'+79001234567");
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('cleans sheet names Excel would refuse', () => {
    expect(safeSheetName('a/b\\c?d*e[f]g:h')).toBe('a b c d e f g h');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
    expect(safeSheetName('  ')).toBe('Лист1');
  });
});

describe('JSON', () => {
  it('writes an array of objects keyed by column', async () => {
    const out = await writeTable({ format: 'json', sheetName: 'x', columns, rows: rows.slice(0, 1) });
    expect(out.contentType).toMatch(/json/);
    expect(JSON.parse(new TextDecoder().decode(out.data))).toEqual([
      { name: 'Иванова', born: '1985-03-15', load: 18.5, note: '=HYPERLINK("http://evil")' },
    ]);
  });
});
