import { describe, expect, it } from 'vitest';
import { type MentorCandidate, rankMentors, suggestMentor } from './mentor-suggestion.ts';

const mentor = (p: Partial<MentorCandidate> & { personId: string }): MentorCandidate => ({
  fullName: p.personId,
  category: 'highest',
  subjects: ['Математика'],
  organizationIds: ['own'],
  organization: 'Школа',
  capacity: 2,
  load: 0,
  ...p,
});
const mentee = { personId: 'me', organizationId: 'own', subjects: ['математика'] };

describe('suggestMentor', () => {
  it('keeps the subject, высшая/первая and a free place; own school first, then высшая, free places, name', () => {
    const pool = [
      mentor({ personId: 'physics', subjects: ['Физика'] }),
      mentor({ personId: 'szd', category: 'szd' }),
      mentor({ personId: 'full', capacity: 1, load: 1 }),
      mentor({ personId: 'me' }),
      mentor({ personId: 'other-highest', organizationIds: ['other'] }),
      mentor({ personId: 'own-first', category: 'first' }),
      mentor({ personId: 'own-highest-b', fullName: 'Б' }),
      mentor({ personId: 'own-highest-a', fullName: 'А' }),
      mentor({ personId: 'own-highest-roomy', fullName: 'Я', capacity: 5 }),
    ];
    expect(rankMentors(mentee, pool).map((m) => m.personId)).toEqual([
      'own-highest-roomy',
      'own-highest-a',
      'own-highest-b',
      'own-first',
      'other-highest',
    ]);
    expect(suggestMentor(mentee, pool).explanation).toMatch(
      /^Предложен наставник Я .*той же школе.*высшая.*5 из 5/,
    );
  });

  it('says why nobody fits', () => {
    expect(suggestMentor(mentee, []).explanation).toContain('нет назначенных наставников');
    expect(suggestMentor({ ...mentee, subjects: [] }, [mentor({ personId: 'x' })]).explanation).toContain(
      'не указан преподаваемый предмет',
    );
    expect(suggestMentor(mentee, [mentor({ personId: 'x', subjects: ['Физика'] })]).explanation).toContain(
      'нет наставников по предмету (математика)',
    );
    expect(suggestMentor(mentee, [mentor({ personId: 'x', category: 'none' })]).explanation).toContain(
      'нет высшей или первой',
    );
    expect(suggestMentor(mentee, [mentor({ personId: 'x', load: 2 })]).mentor).toBeNull();
  });
});
