import { describe, expect, it } from 'vitest';
import {
  guessKind,
  parsePeriod,
  parsePlannedResult,
  promotesOn,
  registrationRefusal,
  windowOpen,
} from './events.vocabulary.ts';

/** A fixed reference day: nothing here depends on the real today. */
const DAY = '2026-10-15';

describe('periods of the plan', () => {
  it('reads dates, months of the school year and «в течение года»', () => {
    expect(parsePeriod('08.02.2027', 2026)).toEqual({ startsOn: '2027-02-08', endsOn: '2027-02-08' });
    expect(parsePeriod('08.02.2027 – 10.02.2027', 2026)).toEqual({
      startsOn: '2027-02-08',
      endsOn: '2027-02-10',
    });
    expect(parsePeriod('октябрь–ноябрь', 2026)).toEqual({ startsOn: '2026-10-01', endsOn: '2026-11-30' });
    expect(parsePeriod('Декабрь - февраль', 2026)).toEqual({ startsOn: '2026-12-01', endsOn: '2027-02-28' });
    expect(parsePeriod('май', 2026)).toEqual({ startsOn: '2027-05-01', endsOn: '2027-05-31' });
    expect(parsePeriod('В течение года', 2026)).toEqual({ startsOn: '2026-09-01', endsOn: '2027-08-31' });
    expect(parsePeriod('Согласно планам работы Советов', 2026)).toBeNull();
    expect(parsePeriod('31.02.2027', 2026)).toBeNull();
  });
});

describe('planned results', () => {
  it('reads the documents’ three forms', () => {
    expect(parsePlannedResult('Не менее 70 % молодых педагогов примут участие')).toEqual({
      kind: 'percent_of_group',
      n: 70,
      group: 'молодых педагогов примут участие',
    });
    expect(parsePlannedResult('Не менее 50 работников системы образования')).toEqual({
      kind: 'participants',
      n: 50,
      group: 'работников системы образования',
    });
    expect(parsePlannedResult('3 протокола заседаний')?.kind).toBe('protocols');
    // Minutes of meetings, not people, however the document words it.
    for (const text of [
      'Протоколы: не менее 5 заседаний',
      'Проведено не менее 5 заседаний ГМО',
      'Протоколы заседаний (5)',
    ])
      expect(parsePlannedResult(text)).toEqual({ kind: 'protocols', n: 5, group: null });
    expect(parsePlannedResult('Процедуру аттестации в 2022 году планируют пройти 67 педагогов')).toEqual({
      kind: 'participants',
      n: 67,
      group: 'педагогов',
    });
    expect(parsePlannedResult('Повышение качества образования')).toBeNull();
  });

  it('guesses the kind from the name', () => {
    expect(guessKind('Заседание ГМО учителей математики')).toBe('association_meeting');
    expect(guessKind('Вебинар «Функциональная грамотность»')).toBe('webinar');
    expect(guessKind('Августовское совещание педагогов')).toBe('august_conference');
    expect(guessKind('Сопровождение аттестации')).toBeNull();
  });
});

describe('who may register', () => {
  const open = {
    planApproved: true,
    registrationOpensOn: '2026-10-01',
    registrationClosesOn: '2026-10-20',
    startsOn: '2026-10-25',
  };
  const facts = { hasPerson: true, inTarget: true, registered: false };

  it('gives the first reason in the order a teacher needs', () => {
    expect(registrationRefusal(open, facts, DAY)).toBeNull();
    expect(registrationRefusal(open, { ...facts, inTarget: false }, DAY)).toBe('not_in_target');
    expect(registrationRefusal(open, facts, '2026-10-21')).toBe('closed');
    expect(registrationRefusal(open, facts, '2026-09-30')).toBe('closed');
    expect(registrationRefusal({ ...open, planApproved: false }, facts, DAY)).toBe('not_published');
    expect(registrationRefusal(open, { ...facts, registered: true }, DAY)).toBe('already');
    expect(registrationRefusal(open, { ...facts, hasPerson: false }, DAY)).toBe('no_person');
  });

  it('closes at the start when no closing day is set, and promotes until the cut-off', () => {
    const e = { ...open, registrationClosesOn: null };
    expect(windowOpen(e, '2026-10-25')).toBe(true);
    expect(windowOpen(e, '2026-10-26')).toBe(false);
    expect(promotesOn({ waitlistCutoffOn: '2026-10-20', startsOn: '2026-10-25' }, DAY)).toBe(true);
    expect(promotesOn({ waitlistCutoffOn: '2026-10-10', startsOn: '2026-10-25' }, DAY)).toBe(false);
    expect(promotesOn({ waitlistCutoffOn: null, startsOn: '2026-10-14' }, DAY)).toBe(false);
  });
});
