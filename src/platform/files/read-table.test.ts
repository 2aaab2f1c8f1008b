import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  cleanCell,
  decodeText,
  detectDelimiter,
  detectFormat,
  isDateFormat,
  MAX_ZIP_ENTRIES,
  readTable,
} from './read-table.ts';
import { makeZip, minimalXlsx } from './zip-fixture.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('CSV', () => {
  it('reads UTF-8 with a BOM and `;`, with row numbers of the sheet and blank rows skipped', async () => {
    const t = await readTable({
      fileName: 'kadry.csv',
      data: utf8('\ufeffФамилия;Имя; Пол \r\nИванова; Мария ;ж\r\n\r\n;;\r\nПетров;Пётр;м\r\n'),
    });
    expect(t.headers).toEqual(['Фамилия', 'Имя', 'Пол']);
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['Иванова', 'Мария', 'ж'] },
      { rowNumber: 5, cells: ['Петров', 'Пётр', 'м'] },
    ]);
  });

  it('reads UTF-8 without a BOM and detects `,`', async () => {
    const t = await readTable({ fileName: 'a.csv', data: utf8('Код,Наименование\n1,"Школа, № 1"\n') });
    expect(t.headers).toEqual(['Код', 'Наименование']);
    expect(t.rows[0]!.cells).toEqual(['1', 'Школа, № 1']);
  });

  it('reads Windows-1251 from Russian Excel with `;`, quotes and a multi-line cell', async () => {
    const text =
      'Организация;Должность;Примечание\r\nМБОУ "Школа № 5";Учитель;"две\r\nстроки"\r\nЁлкинская ООШ;Директор;\r\n';
    const data = iconv.encode(text, 'win1251');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data)).toThrow();
    const t = await readTable({ fileName: 'Книга1.csv', data });
    expect(t.headers).toEqual(['Организация', 'Должность', 'Примечание']);
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['МБОУ "Школа № 5"', 'Учитель', 'две\r\nстроки'] },
      { rowNumber: 3, cells: ['Ёлкинская ООШ', 'Директор', ''] },
    ]);
  });

  it("follows Excel's «sep=» line", async () => {
    const t = await readTable({ fileName: 'a.csv', data: utf8('sep=,\r\nКод;Имя,Пол\r\n1;А,ж\r\n') });
    expect(t.headers).toEqual(['Код;Имя', 'Пол']);
    expect(t.rows).toEqual([{ rowNumber: 2, cells: ['1;А', 'ж'] }]);
  });

  it('picks `;` over `,` when the header has both, and tab when it dominates', () => {
    expect(detectDelimiter('Ставка, ед.;Нагрузка, ч;Имя\n1,5;18;А')).toBe(';');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('\n\nодин столбец\n')).toBe(';');
  });

  it('pads short rows and takes off the apostrophe our exports put before formulas', async () => {
    const t = await readTable({ fileName: 'a.csv', data: utf8("a;b;c\n'=1+2\n'-5;'x;\n") });
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['=1+2', '', ''] },
      { rowNumber: 3, cells: ['-5', "'x", ''] },
    ]);
    expect(cleanCell("  '@cmd ")).toBe('@cmd');
    expect(cleanCell('\u00a0текст\u00a0')).toBe('текст');
  });

  it('decodes UTF-16 with a BOM (Excel «Текст Юникод»)', () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Код\tИмя\n', 'utf16le')]);
    expect(decodeText(data)).toBe('Код\tИмя\n');
  });
});

describe('format and size checks', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const err = await refusal(readTable({ fileName: 'a.csv', data: new Uint8Array(2048), maxBytes: 1024 }));
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toMatch(/слишком велик/);
  });

  it('refuses old .xls and unknown extensions with a Russian explanation', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(() => detectFormat('старый.xls', ole)).toThrow(/97–2003/);
    expect(() => detectFormat('a.pdf', utf8('%PDF'))).toThrow(/\.xlsx и \.csv/);
    expect(detectFormat('без расширения', makeZip([{ name: 'a', data: 'b' }]))).toBe('xlsx');
  });

  it('refuses an empty or broken file', async () => {
    expect((await refusal(readTable({ fileName: 'a.csv', data: new Uint8Array() }))).code).toBe('validation');
    const broken = await refusal(readTable({ fileName: 'a.xlsx', data: utf8('PK\u0003\u0004 не архив') }));
    expect(broken.message).toMatch(/повреждён/);
  });
});

describe('XLSX', () => {
  it('reads an ExcelJS workbook with shared strings, dates, numbers, formulas, links and rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Кадры');
    ws.addRow(['Фамилия', 'Дата рождения', 'Ставка', 'Нагрузка', 'Email', 'Примечание']);
    ws.addRow([
      'Иванова',
      new Date(Date.UTC(1985, 2, 15)),
      0.1 + 0.2,
      { formula: 'A1', result: 18 },
      { text: 'ivanova@school.ru', hyperlink: 'mailto:ivanova@school.ru' },
      { richText: [{ text: 'две ' }, { font: { bold: true }, text: 'части' }] },
    ]);
    ws.addRow([]);
    const dated = ws.addRow(['Сидорова', { formula: 'TODAY()', result: 45000 }, 1, true]);
    dated.getCell(2).numFmt = 'dd.mm.yyyy';
    wb.addWorksheet('Справка').addRow(['не читается']);
    const data = new Uint8Array(await wb.xlsx.writeBuffer());

    const t = await readTable({ fileName: 'kadry.xlsx', data });
    expect(t.headers).toEqual(['Фамилия', 'Дата рождения', 'Ставка', 'Нагрузка', 'Email', 'Примечание']);
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['Иванова', '15.03.1985', '0.3', '18', 'ivanova@school.ru', 'две части'] },
      { rowNumber: 4, cells: ['Сидорова', '15.03.2023', '1', 'да', '', ''] },
    ]);
  });

  it('keeps Cyrillic whole however the inflated stream is chunked', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Щербакова-Жёлудева ${i}`);
    const rows = names
      .map((n, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${n}</t></is></c></row>`)
      .join('');
    const data = minimalXlsx(`<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c></row>${rows}`);
    const t = await readTable({ fileName: 'a.xlsx', data });
    expect(t.rows.map((r) => r.cells[0])).toEqual(names);
  });

  it(`refuses an archive of more than ${MAX_ZIP_ENTRIES} parts before unpacking`, async () => {
    const many = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({
      name: `xl/media/${i}.bin`,
      data: 'x',
    }));
    const err = await refusal(readTable({ fileName: 'a.xlsx', data: minimalXlsx('', many) }));
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toMatch(/частей в архиве/);
  });

  it('refuses a zip bomb by its declared unpacked size, without inflating it', async () => {
    const zeros = new Uint8Array(120 * 1024 * 1024);
    const data = minimalXlsx('', [{ name: 'xl/media/bomb.bin', data: zeros }]);
    expect(data.byteLength).toBeLessThan(1024 * 1024);
    const err = await refusal(readTable({ fileName: 'a.xlsx', data }));
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toMatch(/в распакованном виде больше 100 МБ/);
  });

  it('refuses a part that inflates to more than its header declares', async () => {
    const sheet = `<row r="1"><c r="A1" t="inlineStr"><is><t>${'А'.repeat(50_000)}</t></is></c></row>`;
    const err = await refusal(readTable({ fileName: 'a.xlsx', data: minimalXlsx(sheet, [], 100) }));
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/повреждён/);
  });

  it('recognises date number formats', () => {
    expect(isDateFormat('dd.mm.yyyy')).toBe(true);
    expect(isDateFormat('[$-419]D MMMM YYYY')).toBe(true);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('"руб."#,##0')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });
});
