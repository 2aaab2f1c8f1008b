import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { certificatePdf } from './certificates.pdf.ts';

/**
 * The certificate's PDF with the committed Cyrillic font. Subsetting can corrupt glyphs
 * silently (DESIGN, «Documents»), so where poppler-utils is installed (Debian's package, as on
 * the project's machine) the PDF is read back as text and rendered to PNG. CI (`.ci/run`) installs
 * them and sets MARSHRUT_CI=1, so there the test runs and fails without them instead of skipping.
 */
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(path.join(tmpdir(), 'marshrut-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input = {
  kind: 'gratitude' as const,
  serial: 'МР-2026-000123',
  content: {
    title: 'Благодарность',
    personName: 'Щукина Юлия Эдуардовна',
    eventTitle: 'Семинар «Функциональная грамотность: разбор заданий ёмко и подробно»',
    eventKindName: 'семинар',
    eventDate: '10.11.2026',
    organizerName: 'МБОУ «СОШ № 1»',
    roleName: 'представление опыта',
    topic: 'Листы самооценки',
  },
  verifyUrl: 'https://marshrut.example.ru/verify/%D0%9C%D0%A0-2026-000123-7QK4M2XWPA',
  issuedOn: '12.11.2026',
};

describe('the certificate PDF', () => {
  it('is a PDF whose title names the kind and the person', async () => {
    const pdf = await certificatePdf(input);
    expect(new TextDecoder('latin1').decode(pdf.slice(0, 5))).toBe('%PDF-');
    const text = new TextDecoder('latin1').decode(pdf);
    const hex = /\/Title <([0-9A-Fa-f]+)>/.exec(text)![1]!;
    const title = new TextDecoder('utf-16be').decode(
      Uint8Array.from(hex.match(/../g)!.map((h) => Number.parseInt(h, 16))),
    );
    expect(title.replace(/^\uFEFF/, '')).toBe('Благодарность — Щукина Юлия Эдуардовна');
  });

  it.runIf(hasPoppler || process.env.MARSHRUT_CI === '1')(
    'reads back as Cyrillic text and renders to an inked PNG',
    async () => {
      const file = path.join(dir, 'c.pdf');
      writeFileSync(file, await certificatePdf(input));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const wanted of [
        'БЛАГОДАРНОСТЬ',
        'Щукина Юлия Эдуардовна',
        'ёмко и подробно',
        'Тема выступления: «Листы самооценки»',
        'Регистрационный номер: МР-2026-000123',
        'https://marshrut.example.ru/verify/МР-2026-000123-7QK4M2XWPA',
      ])
        expect(text).toContain(wanted);
      execFileSync('pdftoppm', ['-png', '-gray', '-r', '30', '-singlefile', file, path.join(dir, 'c')]);
      const png = readFileSync(path.join(dir, 'c.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.byteLength).toBeGreaterThan(2000);
    },
  );

  it.runIf(hasPoppler || process.env.MARSHRUT_CI === '1')(
    'names a diploma’s kind and nomination',
    async () => {
      const file = path.join(dir, 'd.pdf');
      const content = { ...input.content, title: 'Диплом призёра', topic: null, nomination: 'Урок' };
      writeFileSync(file, await certificatePdf({ ...input, kind: 'diploma', content }));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('ДИПЛОМ ПРИЗЁРА');
      expect(text).toContain('в номинации «Урок» мероприятия «Семинар');
    },
  );
});
