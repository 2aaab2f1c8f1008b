import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/auth/actor.ts';
import { searchParts } from './search.policy.ts';
import { queryWords, wordPattern } from './search.repository.ts';

const actor = (role: Role): Actor => ({
  userId: 'u',
  email: 'u@example.ru',
  fullName: 'Иванова Мария Петровна',
  role,
  regionId: 'r',
  municipalityId: 'm',
  organizationId: 'o',
  personId: role === 'teacher' ? 'p' : null,
});

const parts = (role: Role) =>
  Object.entries(searchParts(actor(role)))
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

describe('searchParts: what each role searches, from the directory’s policy', () => {
  it('territories and schools: people, organizations and programs', () => {
    for (const role of [
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
    ] as const) {
      expect(parts(role)).toEqual(['organizations', 'people', 'programs']);
    }
  });
  it('the curator: their assigned people and programs, no organizations list', () => {
    expect(parts('curator')).toEqual(['people', 'programs']);
  });
  it('the teacher and the expert: only the open catalog', () => {
    expect(parts('teacher')).toEqual(['programs']);
    expect(parts('expert')).toEqual(['programs']);
  });
});

describe('queryWords', () => {
  it('splits on spaces, reads ё as е, keeps five words', () => {
    expect(queryWords('  Ёлкина  сёмина ')).toEqual(['Елкина', 'семина']);
    expect(queryWords('a b c d e f g')).toHaveLength(5);
  });
  it('matches a number whole and anything else as a part, LIKE wildcards escaped', () => {
    expect(wordPattern('1')).toEqual({ regex: '(^|[^0-9])1([^0-9]|$)' });
    expect(wordPattern('50%_x')).toEqual({ like: '%50\\%\\_x%' });
  });
});
