import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable, skipTitleBlock } from './read-table.ts';
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

  it('writes formatted numbers rounded, with their number formats, and percent as a real percentage', async () => {
    const out = await writeTable({
      format: 'xlsx',
      sheetName: 'x',
      columns: [
        { key: 'n', header: 'Человек', format: 'integer' },
        { key: 'v', header: 'Значение', format: 'decimal1' },
        { key: 'p', header: 'Доля', format: 'percent' },
        { key: 'd', header: 'Дата', type: 'date' },
      ],
      rows: [{ n: 12, v: 66.666666, p: 85.34, d: '2026-03-01' }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe(12);
    expect(ws.getCell('A2').numFmt).toBe('#,##0');
    expect(ws.getCell('B2').value).toBe(66.7);
    expect(ws.getCell('B2').numFmt).toBe('#,##0.0');
    expect(ws.getCell('C2').value).toBeCloseTo(0.853, 10);
    expect(ws.getCell('C2').numFmt).toBe('0.0%');
    expect(ws.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getCell('D2').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(ws.getCell('D2').numFmt).toBe('dd.mm.yyyy');
    const csv = await writeTable({
      format: 'csv',
      sheetName: 'x',
      columns: [
        { key: 'v', header: 'Значение', format: 'decimal1' },
        { key: 'p', header: 'Доля, %', format: 'percent' },
        { key: 'd', header: 'Дата', type: 'date' },
      ],
      rows: [{ v: 66.666666, p: 85.34, d: '2026-03-01' }],
    });
    expect(Buffer.from(csv.data).subarray(3).toString('utf8')).toBe(
      'Значение;Доля, %;Дата\r\n66,7;85,3;01.03.2026\r\n',
    );
  });

  it('writes a title block above a frozen, filtered header, and readTable skips it', async () => {
    const out = await writeTable({
      format: 'xlsx',
      sheetName: 'Кадры',
      columns,
      rows,
      titleBlock: {
        title: 'Педагогические кадры',
        territory: 'Городской округ Тест',
        period: '2025/2026 учебный год',
        asOf: '2026-09-01',
        state: { frozen: true, on: '2026-09-02' },
        exportedBy: 'Иванова Анна Петровна',
        exportedAt: new Date('2026-09-03T02:05:00Z'),
      },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Педагогические кадры');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect([2, 3, 4, 5, 6].map((r) => ws.getCell(`A${r}`).value)).toEqual([
      'Территория',
      'Период',
      'По состоянию на',
      'Данные',
      'Выгрузил(а)',
    ]);
    expect(ws.getCell('B2').value).toBe('Городской округ Тест');
    expect(ws.getCell('B4').value).toEqual(new Date(Date.UTC(2026, 8, 1)));
    expect(ws.getCell('B4').numFmt).toBe('dd.mm.yyyy');
    expect(ws.getCell('B5').value).toBe('зафиксированы 02.09.2026 (мониторинг закрыт)');
    // Asia/Irkutsk by default: 02:05 UTC is 10:05
    expect(ws.getCell('B6').value).toBe('Иванова Анна Петровна, 03.09.2026 10:05');
    expect(ws.getCell('A7').value).toBeNull();
    expect(ws.getCell('A8').value).toBe('Фамилия');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 8 });
    expect(ws.autoFilter).toBe('A8:D8');
    expect(ws.getCell('B9').value).toEqual(new Date(Date.UTC(1985, 2, 15)));
    const t = await readTable({ fileName: 'x.xlsx', data: out.data });
    expect(t.headers).toEqual(columns.map((c) => c.header));
    expect(t.rows[0]).toEqual({
      rowNumber: 9,
      cells: ['Иванова', '15.03.1985', '18.5', '=HYPERLINK("http://evil")'],
    });
  });

  it('says «текущий расчёт» for live figures, and CSV has no title block', async () => {
    const titleBlock = { title: 'Мониторинг', state: { frozen: false as const } };
    const csv = await writeTable({ format: 'csv', sheetName: 'x', columns, rows: [], titleBlock });
    expect(Buffer.from(csv.data).subarray(3).toString('utf8')).toBe(
      'Фамилия;Дата рождения;Нагрузка;Примечание\r\n',
    );
    const out = await writeTable({ format: 'xlsx', sheetName: 'x', columns, rows: [], titleBlock });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell('B2').value).toBe('текущий расчёт');
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

describe('skipTitleBlock', () => {
  const row = (rowNumber: number, ...cells: string[]) => ({ rowNumber, cells });
  it('keeps a table that starts at its header', () => {
    const grid = { rows: [row(1, 'ФИО'), row(2, 'Иванова'), row(4, 'Петров')] };
    expect(skipTitleBlock(grid)).toBe(grid);
    const wide = { rows: [row(1, 'a', 'b', 'c'), row(3, '1', '2', '3')] };
    expect(skipTitleBlock(wide)).toBe(wide);
  });
  it('drops a hand-typed title above a blank row', () => {
    const grid = {
      rows: [row(1, 'Список педагогов'), row(3, 'Фамилия', 'Имя', 'Отчество'), row(4, 'И', 'А', 'П')],
    };
    expect(skipTitleBlock(grid).rows.map((r) => r.rowNumber)).toEqual([3, 4]);
  });
});
