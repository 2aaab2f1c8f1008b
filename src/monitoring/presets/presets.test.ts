import { describe, expect, it } from 'vitest';
import { formulaRefs, isDerived, validateFormula } from '../engine/formula.ts';
import { PRESETS, presetByCode, presetCounts } from './index.ts';
import { MANUAL_MEASURES, manualMeasure } from './manual-measures.ts';
import { P000 } from './p000.ts';
import { P001 } from './p001.ts';
import { P003 } from './p003.ts';

const codes = (p: { indicators: { code: string }[] }) => p.indicators.map((i) => i.code);

describe('preset 003 (Челябинская область, таблица 5)', () => {
  it('has all 10 criteria and the 27 indicators of table 5, in the document order', () => {
    expect(codes(P003)).toEqual([
      '1.1',
      '1.2',
      '2.1',
      '2.2',
      '3.1',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
      '4.6',
      '5.1',
      '6.1',
      '6.2',
      '6.3',
      '6.4',
      '6.5',
      '6.6',
      '7.1',
      '7.2',
      '7.3',
      '7.4',
      '8.1',
      '8.2',
      '8.3',
      '9.1',
      '10.1',
    ]);
    const criteria = [...new Set(P003.indicators.map((i) => i.criterion))];
    expect(criteria).toHaveLength(10);
    expect(criteria[0]).toBe(
      'Критерий результативности 1. Выявление профессиональных дефицитов педагогических и руководящих работников',
    );
    expect(criteria[9]).toBe(
      'Критерий 10. Проведение независимой оценки квалификаций педагогических работников',
    );
  });

  it('carries every target of table 5: 2023–2025 everywhere, 2022 wherever the document gives it', () => {
    const byCode = new Map(
      P003.indicators.map((i) => [i.code, i.targets.map((t) => `${t.year}:${t.value}`).join(' ')]),
    );
    expect(Object.fromEntries(byCode)).toEqual({
      '1.1': '2022:6 2023:7.5 2024:9 2025:10.5',
      '1.2': '2023:15 2024:17 2025:19',
      '2.1': '2022:31.4 2023:40 2024:50 2025:60',
      '2.2': '2022:0 2023:40 2024:50 2025:60',
      '3.1': '2022:83.3 2023:100 2024:100 2025:100',
      '4.1': '2023:25 2024:25 2025:25',
      '4.2': '2022:80 2023:90 2024:100 2025:100',
      '4.3': '2022:93 2023:94 2024:95 2025:96',
      '4.4': '2022:95.9 2023:96.2 2024:96.5 2025:96.8',
      '4.5': '2022:94.9 2023:95 2024:95.1 2025:95.2',
      '4.6': '2022:8.6 2023:8.3 2024:8 2025:7.7',
      '5.1': '2022:73 2023:75 2024:78 2025:81',
      '6.1': '2022:100 2023:100 2024:100 2025:100',
      '6.2': '2022:100 2023:100 2024:100 2025:100',
      '6.3': '2022:100 2023:100 2024:100 2025:100',
      '6.4': '2022:100 2023:100 2024:100 2025:100',
      '6.5': '2022:100 2023:100 2024:100 2025:100',
      '6.6': '2022:100 2023:100 2024:100 2025:100',
      '7.1': '2022:100 2023:100 2024:100 2025:100',
      '7.2': '2022:80 2023:85 2024:90 2025:95',
      '7.3': '2022:80 2023:90 2024:100 2025:100',
      '7.4': '2022:95 2023:95 2024:95 2025:95',
      '8.1': '2022:5 2023:10 2024:15 2025:20',
      '8.2': '2022:30 2023:30 2024:30 2025:30',
      '8.3': '2022:20 2023:20 2024:20 2025:20',
      '9.1': '2022:100 2023:100 2024:100 2025:100',
      '10.1': '2022:0 2023:50 2024:60 2025:70',
    });
    for (const i of P003.indicators) {
      const t2022 = i.targets.find((t) => t.year === 2022);
      expect(i.baselineValue, i.code).toBe(t2022?.value);
      expect(i.baselineYear, i.code).toBe(t2022 ? 2022 : undefined);
    }
  });

  it('gives every indicator its data source, representativeness (where the document has it) and method', () => {
    for (const i of P003.indicators) {
      expect(i.dataSource, i.code).not.toBe('');
      expect(i.method, i.code).toMatch(/^k = A/);
      expect(i.periodicity, i.code).not.toBe('');
      expect(i.responsible, i.code).toContain('ОГБУ ЧЦОПМКП');
      expect(i.name, i.code).not.toMatch(/<[a-z/]/);
      expect(i.unit).toBe('%');
    }
    // 7.4 is the one row of table 5 with an empty «Репрезентативность» cell
    expect(P003.indicators.filter((i) => i.representativeness === '').map((i) => i.code)).toEqual(['7.4']);
    expect(P003.indicators.find((i) => i.code === '4.6')?.direction).toBe('down');
  });

  it('derives 20 indicators and marks 7 manual (4.2, 4.6, 5.1, 7.2, 7.4, 9.1, 10.1)', () => {
    expect(P003.indicators.filter((i) => !isDerived(i.formula)).map((i) => i.code)).toEqual([
      '4.2',
      '4.6',
      '5.1',
      '7.2',
      '7.4',
      '9.1',
      '10.1',
    ]);
    expect(presetCounts(P003)).toEqual({ indicators: 27, derived: 20, manual: 7 });
    // criterion 7 from the mentoring and communities modules
    const measures = (code: string) =>
      formulaRefs(P003.indicators.find((i) => i.code === code)!.formula).map((r) => r.measure);
    expect(measures('7.1')).toEqual(['mentoring.orgs_with_order', 'orgs.total']);
    expect(measures('7.3')).toEqual(['mentoring.mentees', 'staff.age']);
  });
});

describe('preset 000 (г. Новотроицк, таблицы 1–3)', () => {
  it('has the indicators of tables 1 and 2 by track', () => {
    expect(codes(P000)).toEqual([
      'Т1.1',
      'Т1.2',
      'Т1.3',
      'Т1.4',
      'Т1.5',
      'Т1.6',
      'Т1.7',
      'Т1.8',
      'Т1.9',
      'Т1.10',
      'Т1.11',
      'Т2.1',
      'Т2.2',
      'Т2.3',
      'Т2.4',
      'Т2.5',
      'Т2.6',
      'Т2.7',
      'Т2.8',
      'Т2.9',
      'Т3.1',
    ]);
    expect([...new Set(P000.indicators.map((i) => i.track))]).toEqual([
      'Трек 1. Плановое повышение профессионального мастерства педагогических работников',
      'Трек 2. Устранение дефицита педагогических кадров',
      'Трек 3. Повышение квалификации педагогических работников в рамках реализации приоритетных федеральных программ',
    ]);
    // the document sets no targets; every indicator has its collection method from table 2
    for (const i of P000.indicators) {
      expect(i.targets, i.code).toEqual([]);
      expect(i.method, i.code).toMatch(/^(Формализованный сбор|Отчет о реализации)/);
      expect(i.periodicity, i.code).not.toBe('');
      expect(i.responsible, i.code).toMatch(/ИМДЦ/);
    }
    expect(P000.indicators.filter((i) => i.unit !== '%').map((i) => [i.code, i.unit])).toEqual([
      ['Т2.1', 'ед.'],
      ['Т2.2', 'чел.'],
    ]);
  });

  it('has the 5 rows of table 3 with timing, responsible and use of results', () => {
    expect(P000.schedule?.map((s) => [s.timing, s.responsible])).toEqual([
      ['По отдельному плану, по запросу', 'ИМДЦ, ГМО'],
      ['Ежегодно, сентябрь', 'ИМДЦ'],
      ['Ежегодно, август, май', 'ИМДЦ'],
      ['Ежегодно, август', 'ИМДЦ, ОО'],
      ['В течение года', 'ИМДЦ'],
    ]);
    for (const s of P000.schedule ?? []) {
      expect(s.what).toMatch(/^Мониторинг/);
      expect(s.useOfResults).not.toBe('');
    }
  });

  it('derives 18 indicators and marks 3 manual', () => {
    expect(P000.indicators.filter((i) => !isDerived(i.formula)).map((i) => i.code)).toEqual([
      'Т1.7',
      'Т1.11',
      'Т2.7',
    ]);
    expect(presetCounts(P000)).toEqual({ indicators: 21, derived: 18, manual: 3 });
  });
});

describe('preset 001 (Зиминское городское МО)', () => {
  it('counts the table 2 forecasts on events, mentoring and communities; four stay manual', () => {
    expect(presetCounts(P001)).toEqual({ indicators: 28, derived: 24, manual: 4 });
    const measures = (code: string) =>
      formulaRefs(P001.indicators.find((i) => i.code === code)!.formula).map((r) => r.measure);
    expect(measures('3')).toEqual(['events.held']);
    for (const code of ['4', 'М6.2', 'М6.4', 'М6.6', 'М7.7', 'М8.2'])
      expect(measures(code), code).toEqual(['events.participants', 'staff.total']);
    expect(measures('6')).toEqual(['mentoring.orgs_implementing', 'orgs.total']);
    expect(measures('М6.3')).toEqual(['communities.members', 'staff.total']);
    expect(measures('М7.11')).toEqual(['mentoring.supported', 'staff.young']);
  });
});

describe('every preset', () => {
  it('has unique codes, and every formula validates against the measure registry', () => {
    expect(new Set(PRESETS.map((p) => p.code)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(presetByCode(p.code)).toBe(p);
      expect(new Set(codes(p)).size, p.code).toBe(p.indicators.length);
      for (const i of p.indicators) {
        expect(validateFormula(i.formula, i.population), `${p.code} ${i.code}`).toEqual([]);
      }
    }
  });

  it('names every manual measure it uses in manual-measures.ts, with a label and a form field', () => {
    for (const p of PRESETS) {
      // Manual measures also stand inside shares and sums (a form's count over a derived denominator).
      const used = p.indicators.flatMap((i) =>
        formulaRefs(i.formula)
          .map((r) => r.measure)
          .filter((code) => code.startsWith('manual:'))
          .map((code) => ({ indicator: i.code, code })),
      );
      for (const { indicator, code } of used) {
        const m = manualMeasure(code);
        expect(m, `${p.code} ${indicator} ${code}`).toBeDefined();
        expect(m?.label, `${p.code} ${indicator} ${code}`).toBeTruthy();
        expect(m?.field.hint, `${p.code} ${indicator} ${code}`).toBeTruthy();
        expect(m?.presets, `${p.code} ${indicator} ${code}`).toContain(p.code);
      }
    }
    expect(new Set(MANUAL_MEASURES.map((m) => m.code)).size).toBe(MANUAL_MEASURES.length);
    for (const m of MANUAL_MEASURES) expect(m.field.label).not.toBe('');
  });
});
