import { describe, expect, it } from 'vitest';
import { checkTemplate, effectiveMax } from '../templates/template-check.ts';
import { additional004, type Preset, preschool004, presets004, school004 } from './preset-004.ts';

/** Counts and points per direction as 004 Appendix 2 prints them (read off the document). */
const printed: Record<string, { items: number[]; points: number[]; stated: number[]; max: number }> = {
  '004.preschool': { items: [3, 5, 3, 6, 11], points: [3, 5, 5, 6, 11], stated: [3, 6, 5, 6, 11], max: 31 },
  '004.school': { items: [5, 8, 3, 7, 11], points: [5, 8, 6, 9, 11], stated: [5, 8, 6, 9, 11], max: 39 },
  '004.additional': { items: [3, 4, 2, 2, 5], points: [3, 4, 3, 2, 5], stated: [3, 4, 4, 2, 5], max: 18 },
};

describe('the expert cards of 004 as presets', () => {
  it.each(presets4())(
    '%s: every direction has the printed items, points and stated maximum',
    (_code, preset) => {
      const check = checkTemplate(preset);
      const expected = printed[preset.code]!;
      expect(check.directions.map((d) => d.items)).toEqual(expected.items);
      expect(check.directions.map((d) => d.itemsMax)).toEqual(expected.points);
      expect(check.directions.map((d) => d.statedMax)).toEqual(expected.stated);
      expect(check.statedMax).toBe(expected.max);
      expect(preset.directions).toHaveLength(5);
    },
  );

  it.each(presets4())('%s: the document’s bands in points are Appendix 1’s', (_code, preset) => {
    const bands = checkTemplate(preset).bands.document!;
    expect([bands[0]!.from, bands[0]!.to]).toEqual(preset.appendix1.high);
    expect([bands[1]!.from, bands[1]!.to]).toEqual(preset.appendix1.medium);
    expect(bands[2]!.to).toBe(preset.appendix1.lowAtMost);
  });

  it('shows where the stated maxima differ from the items: ДОО 30 of 31, ДО 17 of 18, ОО none', () => {
    const doo = checkTemplate(preschool004);
    expect(doo.itemsMax).toBe(30);
    expect(doo.differs).toBe(true);
    expect(doo.directions.filter((d) => d.differs).map((d) => d.title.slice(0, 2))).toEqual(['2.']);
    expect(doo.bands.items.map((b) => [b.from, b.to])).toEqual([
      [24, 30],
      [18, 23],
      [0, 17],
    ]);

    const dop = checkTemplate(additional004);
    expect(dop.itemsMax).toBe(17);
    expect(dop.directions.filter((d) => d.differs).map((d) => d.title.slice(0, 2))).toEqual(['3.']);

    const oo = checkTemplate(school004);
    expect(oo.itemsMax).toBe(39);
    expect(oo.differs).toBe(false);
  });

  it('the document’s maximum is used unless the campaign chose the items’ sum', () => {
    const doo = checkTemplate(preschool004);
    expect(effectiveMax(doo, 'document')).toBe(31);
    expect(effectiveMax(doo, 'items')).toBe(30);
  });

  it('keeps the document’s words: methods as printed, every item with a source and periodicity', () => {
    for (const preset of presets004) {
      for (const d of preset.directions) {
        for (const i of d.items) {
          expect(i.method).toMatch(/балл$/);
          expect(i.periodicity).toBe('1 раз в год');
          expect(i.source.length).toBeGreaterThan(5);
        }
      }
    }
    expect(school004.directions[2]!.items[0]!.method).toBe('факт участия - 3 балл');
  });
});

function presets4(): [string, Preset][] {
  return presets004.map((p) => [p.code, p]);
}
