import { describe, expect, it } from 'vitest';
import { presets004 } from '../presets/preset-004.ts';
import { detailOf } from './prefill.service.ts';
import { parseSource, SourceArgsError, splitSource } from './prefill.sources.ts';

describe('prefill source codes', () => {
  it('splits a code from its args', () => {
    expect(splitSource('contests.winner|Учитель года|municipal')).toEqual({
      code: 'contests.winner',
      args: ['Учитель года', 'municipal'],
    });
    expect(splitSource('trainings.completed')).toEqual({ code: 'trainings.completed', args: [] });
  });

  it('parses levels, kinds and contests', () => {
    expect(parseSource('events.presented|municipal,regional,federal').args.levels).toEqual([
      'municipal',
      'regional',
      'federal',
    ]);
    expect(parseSource('events.kind_took_part|methodical_week').args.kinds).toEqual(['methodical_week']);
    const c = parseSource('contests.participant|Сердце отдаю детям|regional');
    expect(c.args).toEqual({ levels: ['regional'], kinds: [], title: 'Сердце отдаю детям' });
    expect(parseSource('orgs.innovation_platform').args.levels).toEqual([]);
  });

  it('refuses unknown codes and bad args with a Russian message', () => {
    expect(() => parseSource('nothing.here')).toThrow(SourceArgsError);
    expect(() => parseSource('events.presented|городской')).toThrow(/неизвестное значение «городской»/);
    expect(() => parseSource('events.presented')).toThrow(/нужен уровень/);
    expect(() => parseSource('events.kind_took_part|methodical_day')).toThrow(/вид мероприятия/);
    expect(() => parseSource('contests.winner|Учитель года')).toThrow(/название\|уровень/);
    expect(() => parseSource('contests.winner|Учитель года|municipal,regional')).toThrow(/один уровень/);
    expect(() => parseSource('trainings.completed|municipal')).toThrow(/нет параметров/);
  });

  it('every prefill source of the 004 presets parses and answers its item’s rule kind', () => {
    for (const preset of presets004) {
      for (const d of preset.directions) {
        for (const i of d.items) {
          if (!i.prefillSource) continue;
          const { def } = parseSource(i.prefillSource);
          expect(def.kinds, i.prefillSource).toContain(i.rule.kind);
        }
      }
    }
  });

  it('a detail shows at most five names, then «и ещё N»', () => {
    const names = ['А А.', 'Б Б.', 'В В.', 'Г Г.', 'Д Д.', 'Е Е.'];
    expect(detailOf(8, names, ['педагог', 'педагога', 'педагогов'])).toBe(
      '8 педагогов: А А., Б Б., В В., Г Г., Д Д. и ещё 3',
    );
    expect(detailOf(2, names.slice(0, 2), ['педагог', 'педагога', 'педагогов'])).toBe(
      '2 педагога: А А., Б Б.',
    );
    expect(detailOf(21, null, ['педагог', 'педагога', 'педагогов'])).toBe('21 педагог');
  });
});
