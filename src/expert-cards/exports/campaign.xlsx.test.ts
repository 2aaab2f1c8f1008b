import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { preschool004, school004 } from '../presets/preset-004.ts';
import { reportFromPreset } from '../results/report.test-data.ts';
import { campaignXlsx } from './campaign.xlsx.ts';

const a = reportFromPreset(preschool004, { orgId: 'a', name: 'МБДОУ № 1' }); // 30 of 31
const b = reportFromPreset(preschool004, {
  orgId: 'b',
  name: 'МБДОУ № 2',
  lose: ['3.2', '3.3', '5.1'], // 25 of 31
  points: { '4.1': 0 }, // the expert took 1 off: 24 → средняя
  late: true,
  previous: { schoolYear: 2024, totalPoints: 20, level: 'medium', byDirection: [3, 5, 1, 4, 7] },
  evidence: {
    '1.1': [
      { kind: 'link', url: 'https://example.org/udostoverenie.pdf', title: 'Удостоверение' },
      { kind: 'file', fileId: '11111111-1111-4111-8111-111111111111', name: 'приказ.pdf' },
    ],
  },
});
const s = reportFromPreset(school004, { orgId: 's', name: 'МБОУ СОШ № 1' });

async function read(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The rows under the header row (the one starting with «Организация»), as header → value. */
function table(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  let header: string[] | null = null;
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (!header) {
      if (values[0] === 'Организация') header = values.map(String);
      return;
    }
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

describe('the XLSX of a campaign', () => {
  it('has the summary, a sheet per group and every item of every card', async () => {
    const buf = await campaignXlsx([s, b, a], { baseUrl: 'https://marshrut.example' });
    writeFileSync('/tmp/cards-exports-campaign.xlsx', buf);
    const wb = await read(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Итоги', 'ДОО', 'ОО', 'Все показатели']);

    const summary = wb.getWorksheet('Итоги')!;
    expect(String(summary.getCell('A1').value)).toContain('Экспертные карты: Мониторинг');
    const rows = table(summary);
    expect(rows.map((r) => r.Организация)).toEqual(['МБДОУ № 1', 'МБДОУ № 2', 'МБОУ СОШ № 1']);
    expect(rows[1]).toMatchObject({
      Группа: 'Дошкольные образовательные организации',
      Баллы: 24,
      Максимум: 31,
      'Уровень эффективности': 'средняя',
      'Место в группе': 2,
      'Организаций в группе': 2,
      'Баллы прошлого года': 20,
      'Уровень прошлого года': 'средняя',
      'Изменение баллов': 4,
      'Статус карты': 'проверена',
      'С опозданием': 'да',
    });
    expect(rows[1]!['% от максимума']).toBeCloseTo(0.774, 3); // 24 / 31
    expect(rows[0]).toMatchObject({ Баллы: 30, 'Уровень эффективности': 'высокая', 'С опозданием': 'нет' });

    const group = table(wb.getWorksheet('ДОО')!);
    expect(group).toHaveLength(2);
    const dooHeaders = Object.keys(group[0]!);
    expect(dooHeaders).toContain('Итого (из 31)');
    const item32 = dooHeaders.find((h) => h.startsWith('3.2 '))!;
    expect(item32).toMatch(/«Воспитатель года».*\(из 3\)$/);
    expect(group.map((r) => r[item32])).toEqual([3, 0]);
    expect(group[1]!.Место).toBe(2);

    const items = table(wb.getWorksheet('Все показатели')!);
    // every item of the two ДОО cards, then the school card’s
    expect(items[0]).toMatchObject({ Организация: 'МБДОУ № 1', '№': '1.1' });
    const doo = items.filter((r) => r.Группа === 'ДОО');
    expect(doo).toHaveLength(2 * preschool004.directions.reduce((n, d) => n + d.items.length, 0));
    const changed = items.find((r) => r.Организация === 'МБДОУ № 2' && r['№'] === '4.1')!;
    expect(changed).toMatchObject({
      'Заявлено баллов': 1,
      'Баллов после проверки': 0,
      Потеряно: 1,
      Проверка: 'баллы изменены',
      'Комментарий эксперта': 'Баллы по 4.1 снижены: документ не подтверждает',
      Значение: 'да',
    });
    const withEvidence = items.find((r) => r.Организация === 'МБДОУ № 2' && r['№'] === '1.1')!;
    expect(withEvidence['Подтверждающие документы']).toBe(
      'Удостоверение — https://example.org/udostoverenie.pdf\n' +
        'приказ.pdf — https://marshrut.example/api/files/11111111-1111-4111-8111-111111111111',
    );
    expect(items.find((r) => r.Организация === 'МБДОУ № 2' && r['№'] === '2.1')!.Значение).toBe(
      '3 из 4 (75 %)',
    );
  });

  it('writes an empty campaign as a summary without rows', async () => {
    const wb = await read(await campaignXlsx([]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Итоги', 'Все показатели']);
    expect(table(wb.getWorksheet('Итоги')!)).toEqual([]);
  });
});
