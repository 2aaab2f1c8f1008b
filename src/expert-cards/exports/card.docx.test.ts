import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectZip } from '../../platform/files/read-table.ts';
import { preschool004 } from '../presets/preset-004.ts';
import { reportFromPreset } from '../results/report.test-data.ts';
import { ballov, cardDocx } from './card.docx.ts';

async function documentXml(data: Uint8Array, part = 'word/document.xml'): Promise<string> {
  const { zip, entries } = await inspectZip(data);
  try {
    const entry = entries.get(part)!;
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    zip.close();
  }
}

const text = (xml: string) =>
  xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

// 30 − 3 (3.2) − 1 (3.3) − 1 (5.1) = 25 of 31 → высокая (from 25), 80,6 %
const report = reportFromPreset(preschool004, {
  orgId: 'b',
  name: 'Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 2 „Ромашка“»',
  lose: ['3.2', '3.3', '5.1'],
  late: true,
  rank: 2,
  groupSize: 12,
  previous: { schoolYear: 2024, totalPoints: 20, level: 'medium', byDirection: [3, 5, 1, 4, 7] },
  evidence: {
    '1.1': [
      {
        kind: 'link',
        url: 'https://example.org/udostoverenie.pdf',
        title: 'Удостоверение о повышении квалификации',
      },
      { kind: 'file', fileId: '11111111-1111-4111-8111-111111111111', name: 'приказ № 15.pdf' },
    ],
  },
});

describe('the card of one organization as DOCX', () => {
  it('holds the heading, every direction with its items, the totals, the level and the signatures', async () => {
    const buf = await cardDocx(report, { baseUrl: 'https://marshrut.example/' });
    writeFileSync('/tmp/cards-exports-card.docx', buf);
    const xml = await documentXml(buf);
    const t = text(xml);
    expect(t).toContain('ЭКСПЕРТНАЯ КАРТА');
    expect(t).toContain(report.organization.name);
    expect(t).toContain('2025/2026 учебный год');
    expect(t).toContain(report.campaign.title);
    for (const d of preschool004.directions) expect(t).toContain(d.title);
    for (const d of preschool004.directions) for (const it of d.items) expect(t).toContain(it.text);
    // Direction 2 is «макс. - 6» in the document, its items give 5.
    expect(t).toContain(
      '2. Создание условий для адаптации и самореализации молодых специалистов (макс. — 5 баллов; в документе — 6)',
    );
    expect(t).toContain('Итого по направлению: 1 из 5 (20 %); в прошлом году — 1, изменение 0');
    expect(t).toContain('Итого по направлению: 10 из 11 (90,9 %); в прошлом году — 7, изменение +3');
    expect(t).toContain('Итого: 25 баллов из 31 (80,6 %).');
    expect(t).toContain('Степень эффективности системы обеспечения профессионального развития: высокая.');
    expect(t).toContain('Место в группе «Дошкольные образовательные организации»: 2 из 12.');
    expect(t).toContain('2024/2025 учебный год: 20 баллов, средняя; изменение — +5, уровень повысился.');
    expect(t).toContain(
      'Уровень рассчитан от максимума по документу (приложение 1 порядка) — 31 балл: высокая — 25–31, средняя — 19–24, низкая — 0–18 баллов. Сумма баллов показателей карты — 30.',
    );
    expect(t).toContain(
      'Доля по направлению — от суммы баллов его показателей. Максимум по приложению 1 порядка.',
    );
    expect(t).toContain('сдана 02.10.2025 (с опозданием)');
    expect(t).toContain(
      'Руководитель образовательной организации (Заведующий): _______________ / Иванова Мария Петровна /',
    );
    expect(t).toContain('Эксперт: _______________ / Сидоров Пётр Ильич /');
    expect(t).toContain('Дата: «___» ____________ 20__ г.');
    expect(t).toContain('Удостоверение о повышении квалификации');
    // The evidence are links: the file's address is absolute.
    const rels = await documentXml(buf, 'word/_rels/document.xml.rels');
    expect(rels).toContain('https://example.org/udostoverenie.pdf');
    expect(rels).toContain('https://marshrut.example/api/files/11111111-1111-4111-8111-111111111111');
    expect(xml).toContain('<w:hyperlink');
    expect(xml).toContain('w:orient="landscape"');
  });

  it('says when the rank is not known yet and there was no card last year', async () => {
    const t = text(await documentXml(await cardDocx(reportFromPreset(preschool004, { name: 'МБДОУ № 5' }))));
    expect(t).toContain('Место в группе «Дошкольные образовательные организации» ещё не определено.');
    expect(t).toContain('Карты прошлого учебного года нет.');
    expect(t).toContain('Итого: 30 баллов из 31 (96,8 %).');
  });

  it('declines «балл»', () => {
    expect([1, 2, 5, 11, 21, 24, 31].map((n) => `${n} ${ballov(n)}`)).toEqual([
      '1 балл',
      '2 балла',
      '5 баллов',
      '11 баллов',
      '21 балл',
      '24 балла',
      '31 балл',
    ]);
  });
});
