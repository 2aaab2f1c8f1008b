import { describe, expect, it } from 'vitest';
import { docxPart, docxText } from './plan-docx.test-data.ts';
import { type PlanDocxInput, planDocx, ruLongDate, sectionOf } from './plan-docx.ts';

const rows: PlanDocxInput['rows'] = [
  {
    number: '1.1.',
    title: 'Августовское совещание педагогических работников',
    period: 'август',
    responsible: 'Управление образования',
    result: 'не менее 300 участников',
  },
  {
    number: '2.1.',
    title: 'Семинар «Функциональная грамотность на уроках математики»',
    period: 'октябрь–ноябрь',
    responsible: 'Петрова А. И., методист ММС',
    result: 'Не менее 70 % учителей математики',
  },
  {
    number: '2.2.',
    title: 'Школа молодого педагога & наставника',
    period: '15.11.2026',
    responsible: 'Сидорова Е. В.',
    result: '3 протокола',
  },
];

const plan = (p: Partial<PlanDocxInput> = {}): PlanDocxInput => ({
  title: 'План муниципальных методических мероприятий на 2026/2027 учебный год',
  schoolYearName: '2026/2027',
  territory: 'Зиминский район',
  status: 'approved',
  approval: {
    name: 'Кузнецова Ольга Викторовна',
    position: 'Руководитель органа управления образованием (Зиминский район)',
    on: '2026-09-15 10:00:00+00',
  },
  rows,
  ...p,
});

describe('the plan of events as DOCX', () => {
  it('holds the approval block, the heading, every row in order and the sections', async () => {
    const xml = await docxPart(await planDocx(plan()));
    const text = docxText(xml);
    const lines = text.split('\n').map((l) => l.trim());
    const at = (s: string) => lines.indexOf(s);
    expect(at('УТВЕРЖДАЮ')).toBe(0);
    expect(lines).toContain('Руководитель органа управления образованием (Зиминский район)');
    expect(lines).toContain('_______________ Кузнецова Ольга Викторовна');
    expect(lines).toContain('«15» сентября 2026 г.');
    expect(text).not.toContain('ПРОЕКТ');
    expect(at('План муниципальных методических мероприятий на 2026/2027 учебный год')).toBeGreaterThan(0);
    expect(lines).toContain('Зиминский район');
    for (const h of ['№ п/п', 'Мероприятие', 'Сроки', 'Ответственный', 'Прогнозируемый результат'])
      expect(lines).toContain(h);
    // Sections come before their rows, rows in the plan's order.
    const order = [
      'Раздел 1',
      '1.1.',
      'Августовское совещание педагогических работников',
      'Раздел 2',
      '2.1.',
      'Семинар «Функциональная грамотность на уроках математики»',
      'октябрь–ноябрь',
      'Петрова А. И., методист ММС',
      'Не менее 70 % учителей математики',
      '2.2.',
      'Школа молодого педагога & наставника',
      '3 протокола',
    ].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Escaped in the XML, not raw.
    expect(xml).toContain('Школа молодого педагога &amp; наставника');
  });

  it('is landscape A4 in Times New Roman 12 with page numbers in the footer', async () => {
    const data = await planDocx(plan());
    const xml = await docxPart(data);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    const styles = await docxPart(data, 'word/styles.xml');
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toContain('<w:sz w:val="24"/>');
    const footer = await docxPart(data, 'word/footer1.xml');
    expect(footer).toContain('PAGE');
  });

  it('says ПРОЕКТ and names no approver while the plan is a draft', async () => {
    const text = docxText(await docxPart(await planDocx(plan({ status: 'draft', approval: null }))));
    expect(text.split('\n')[0]!.trim()).toBe('ПРОЕКТ');
    expect(text).not.toContain('УТВЕРЖДАЮ');
    expect(text).not.toContain('Кузнецова');
  });

  it('has no section rows when the numbers have no sections, and numbers unnumbered rows', async () => {
    const flat = rows.map((r, i) => ({ ...r, number: i === 1 ? null : `${i + 1}` }));
    const text = docxText(await docxPart(await planDocx(plan({ rows: flat }))));
    expect(text).not.toContain('Раздел');
    expect(text.split('\n').map((l) => l.trim())).toContain('2.');
  });
});

describe('helpers', () => {
  it('takes the section from a two-level number only', () => {
    expect(sectionOf('2.1.')).toBe('2');
    expect(sectionOf(' 10.3 ')).toBe('10');
    expect(sectionOf('7')).toBeNull();
    expect(sectionOf('7.')).toBeNull();
    expect(sectionOf(null)).toBeNull();
  });
  it('writes the date in the documents’ form', () => {
    expect(ruLongDate('2027-01-05')).toBe('«05» января 2027 г.');
  });
});
