import { describe, expect, it } from 'vitest';
import { TEACHER_FRAMEWORK } from '../frameworks/presets.ts';
import {
  competencyCodesOf,
  contentIssues,
  type InstrumentContent,
  withoutKeys,
  ZContent,
} from './content.ts';
import { INSTRUMENT_PRESETS } from './presets.ts';

describe('instrument content', () => {
  it('every preset parses and has no issues', () => {
    for (const p of Object.values(INSTRUMENT_PRESETS)) {
      const parsed = ZContent.parse(p.content);
      expect(contentIssues(p.kind, parsed), p.code).toEqual([]);
    }
  });

  it('preset competency codes exist in the teacher framework; self-assessment covers each once', () => {
    const codes = new Set(TEACHER_FRAMEWORK.groups.flatMap((g) => g.competencies.map((c) => c.code)));
    for (const p of Object.values(INSTRUMENT_PRESETS)) {
      for (const code of competencyCodesOf(p.content)) expect(codes.has(code), code).toBe(true);
    }
    expect(competencyCodesOf(INSTRUMENT_PRESETS['teacher-self-assessment']!.content)).toEqual(
      [...codes].sort(),
    );
  });

  it('rejects unknown kinds and missing fields', () => {
    expect(ZContent.safeParse({ items: [] }).success).toBe(false);
    expect(ZContent.safeParse({ items: [{ id: '1', text: 'x', kind: 'essay' }] }).success).toBe(false);
  });

  it('reports duplicate ids, missing keys, bad scales and unknown scale items', () => {
    const c: InstrumentContent = {
      items: [
        {
          id: '1',
          text: 'x',
          kind: 'single',
          options: [
            { id: 'a', text: 'a' },
            { id: 'b', text: 'b' },
          ],
        },
        { id: '1', text: 'y', kind: 'multiple', options: [{ id: 'a', text: 'a' }] },
        { id: '3', text: 'z', kind: 'scale', scale: { min: 5, max: 1 } },
        { id: '4', text: 'w', kind: 'scale' },
      ],
      scales: [
        { code: 'S', name: 'S', itemIds: ['3', '9'], levels: [{ level: 'low', min: 3, max: 1, label: 'l' }] },
      ],
    };
    const paths = contentIssues('test', c).map((i) => i.path);
    expect(paths).toEqual([
      'content.items.0.options',
      'content.items.1.id',
      'content.items.1.options',
      'content.items.2.kind',
      'content.items.2.scale',
      'content.items.3.kind',
      'content.items.3.scale',
      'content.scales.0.itemIds',
      'content.scales.0.levels.0',
    ]);
    expect(contentIssues('burnout', { items: c.items.slice(2, 3) }).map((i) => i.path)).toContain(
      'content.scales',
    );
  });

  it('withoutKeys drops correct flags, points, reverse keys and scales', () => {
    const c: InstrumentContent = {
      items: [
        {
          id: '1',
          text: 'x',
          kind: 'single',
          competencyCode: 'A',
          options: [
            { id: 'a', text: 'a', correct: true, points: 2 },
            { id: 'b', text: 'b' },
          ],
        },
        { id: '2', text: 'y', kind: 'scale', scale: { min: 0, max: 6 }, reverse: true, scaleCode: 'S' },
      ],
      scales: [
        { code: 'S', name: 'S', itemIds: ['2'], levels: [{ level: 'low', min: 0, max: 6, label: 'l' }] },
      ],
    };
    expect(withoutKeys(c)).toEqual({
      items: [
        {
          id: '1',
          text: 'x',
          kind: 'single',
          competencyCode: 'A',
          options: [
            { id: 'a', text: 'a' },
            { id: 'b', text: 'b' },
          ],
        },
        { id: '2', text: 'y', kind: 'scale', scale: { min: 0, max: 6 } },
      ],
    });
  });
});
