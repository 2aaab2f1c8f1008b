import { describe, expect, it } from 'vitest';
import { normalizeSnils } from '../directory/vocabulary.ts';
import type { Dataset, PersonRow } from './dataset.ts';
import { CURATOR_MENTEES, chooseDemoCast } from './demo-cast.ts';
import { isValidOrgInn } from './identifiers.ts';
import { PENSION_AGE } from './staff.generator.ts';
import { zimaDataset } from './zima.dataset.ts';

const AS_OF = '2026-09-01';
const ds = zimaDataset({ asOf: AS_OF });

function ageAt(birth: string, asOf: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function mainPedagogical(d: Dataset, kind?: string): PersonRow[] {
  const orgKind = new Map(d.organizations.map((o) => [o.id, o.kind]));
  const ids = new Set(
    d.employments
      .filter((e) => e.kind === 'main' && e.staffCategory === 'pedagogical')
      .filter((e) => !kind || orgKind.get(e.organizationId) === kind)
      .map((e) => e.personId),
  );
  return d.people.filter((p) => ids.has(p.id));
}

const share = (xs: PersonRow[], pred: (p: PersonRow) => boolean) =>
  (xs.filter(pred).length / xs.length) * 100;

describe('zimaDataset', () => {
  it('is deterministic: the same options give the same rows', () => {
    expect(JSON.stringify(zimaDataset({ asOf: AS_OF }))).toBe(JSON.stringify(ds));
    expect(zimaDataset({ asOf: AS_OF, seed: 1 }).people[0]!.snils).not.toBe(ds.people[0]!.snils);
  });

  it('has the town, its region and the 19 organisations of seed 001', () => {
    expect(ds.region).toMatchObject({ code: '38', name: 'Иркутская область' });
    expect(ds.municipalities).toHaveLength(1);
    expect(ds.municipalities[0]!.name).toBe('Зиминское городское муниципальное образование');
    expect(ds.organizations).toHaveLength(19);
    const byKind = (k: string) => ds.organizations.filter((o) => o.kind === k).length;
    expect([byKind('school'), byKind('preschool'), byKind('additional')]).toEqual([9, 8, 2]);
    const names = ds.organizations.map((o) => o.fullName).join('\n');
    for (const n of [
      '«Средняя общеобразовательная школа № 1»',
      '«Средняя общеобразовательная школа № 26»',
      '«Зиминский лицей»',
      '«Начальная школа-Детский сад № 11»',
      '«Детский сад № 4»',
      '«Детский сад № 212»',
      '«Детско-юношеская спортивная школа имени Г.М. Сергеева»',
      '«Зиминский дом детского творчества»',
    ])
      expect(names).toContain(n);
    expect(new Set(ds.organizations.map((o) => o.code)).size).toBe(19);
  });

  it('gives every organisation a valid Irkutsk ИНН and sets a few flags', () => {
    for (const o of ds.organizations) {
      expect(isValidOrgInn(o.inn)).toBe(true);
      expect(o.inn.startsWith('38')).toBe(true);
    }
    expect(ds.organizations.filter((o) => o.lowResults).map((o) => o.shortName)).toEqual(['МБОУ «СОШ № 9»']);
    expect(ds.organizations.filter((o) => o.internshipPlatform).map((o) => o.shortName)).toEqual([
      'МБОУ «Зиминский лицей»',
    ]);
    expect(ds.organizations.filter((o) => o.mentoringRegulation).length).toBeGreaterThanOrEqual(15);
  });

  it('has the staff counts per kind that 001 reports', () => {
    const orgKind = new Map(ds.organizations.map((o) => [o.id, o.kind]));
    const count = (kind: string, cat: string, ek = 'main') =>
      ds.employments.filter(
        (e) => orgKind.get(e.organizationId) === kind && e.staffCategory === cat && e.kind === ek,
      ).length;
    expect([
      count('school', 'pedagogical'),
      count('preschool', 'pedagogical'),
      count('additional', 'pedagogical'),
    ]).toEqual([263, 188, 25]);
    expect([
      count('school', 'managerial'),
      count('preschool', 'managerial'),
      count('additional', 'managerial'),
    ]).toEqual([28, 20, 8]);
    const partTime = ds.employments.filter((e) => e.kind !== 'main');
    expect(partTime.length).toBeGreaterThanOrEqual(12);
    expect(partTime.length).toBeLessThanOrEqual(18);
    expect(partTime.some((e) => e.kind === 'internal')).toBe(true);
    expect(partTime.some((e) => e.kind === 'external')).toBe(true);
    expect(partTime.filter((e) => e.outsideProfile).length).toBeGreaterThanOrEqual(2);
    const pedagogical = ds.employments.filter((e) => e.staffCategory === 'pedagogical').length;
    expect(pedagogical).toBeGreaterThanOrEqual(485);
    expect(pedagogical).toBeLessThanOrEqual(495);
  });

  it('gives every person exactly one main employment unless all their jobs are external', () => {
    const jobs = new Map<string, string[]>();
    for (const e of ds.employments) jobs.set(e.personId, [...(jobs.get(e.personId) ?? []), e.kind]);
    expect(jobs.size).toBe(ds.people.length);
    for (const p of ds.people) {
      const kinds = jobs.get(p.id)!;
      if (kinds.every((k) => k === 'external')) continue;
      expect(kinds.filter((k) => k === 'main')).toHaveLength(1);
    }
    expect([...jobs.values()].filter((k) => k.every((x) => x === 'external')).length).toBeGreaterThan(0);
  });

  it('has the category mix of 001 within ±2 points, with dates in the last five years', () => {
    const ped = mainPedagogical(ds);
    expect(ped.length).toBe(476);
    expect(Math.abs(share(ped, (p) => p.category === 'highest') - 27)).toBeLessThanOrEqual(2);
    expect(Math.abs(share(ped, (p) => p.category === 'first') - 34)).toBeLessThanOrEqual(2);
    expect(Math.abs(share(ped, (p) => p.category === 'szd') - 11)).toBeLessThanOrEqual(2);
    const fiveYearsAgo = '2021-09-01';
    let expiringSoon = 0;
    for (const p of ds.people) {
      if (p.category === 'none') {
        expect(p.categoryDate).toBeNull();
        continue;
      }
      expect(p.categoryDate! > fiveYearsAgo && p.categoryDate! <= AS_OF).toBe(true);
      if (p.categoryDate! < '2022-01-01') expiringSoon++; // expires within four months
      expect(p.pedExperienceYears).toBeGreaterThanOrEqual(2);
    }
    expect(expiringSoon).toBeGreaterThan(0);
  });

  it('has valid, unique СНИЛС for everybody', () => {
    const all = ds.people.map((p) => p.snils);
    expect(new Set(all).size).toBe(all.length);
    for (const s of all) expect(normalizeSnils(s)).toEqual({ ok: true, value: s });
  });

  it('has plausible ages, experience and education', () => {
    const ped = mainPedagogical(ds);
    for (const p of ds.people) {
      const age = ageAt(p.birthDate, AS_OF);
      expect(age).toBeGreaterThanOrEqual(22);
      expect(age).toBeLessThanOrEqual(70);
      expect(p.pedExperienceYears).toBeGreaterThanOrEqual(0);
      expect(p.pedExperienceYears).toBeLessThanOrEqual(age - 18);
    }
    expect(Math.abs(share(ped, (p) => ageAt(p.birthDate, AS_OF) < 35) - 18)).toBeLessThanOrEqual(3);
    expect(
      Math.abs(share(ped, (p) => ageAt(p.birthDate, AS_OF) >= PENSION_AGE[p.sex]) - 15),
    ).toBeLessThanOrEqual(3);
    const higher = (p: PersonRow) => p.education === 'higher' || p.education === 'higher_pedagogical';
    expect(Math.abs(share(mainPedagogical(ds, 'school'), higher) - 67)).toBeLessThanOrEqual(4);
    expect(Math.abs(share(mainPedagogical(ds, 'preschool'), higher) - 30)).toBeLessThanOrEqual(4);
    const withEmail = ds.people.filter((p) => p.email).length;
    expect(withEmail).toBeGreaterThan(100);
    expect(withEmail).toBeLessThan(ds.people.length);
  });

  it('matches subjects to positions and has some heavy loads in schools', () => {
    const orgKind = new Map(ds.organizations.map((o) => [o.id, o.kind]));
    for (const e of ds.employments) {
      if (e.position === 'Учитель математики' && !e.outsideProfile)
        expect(e.subjects).toEqual(['Математика']);
      if (e.position === 'Учитель начальных классов') expect(e.subjects).toEqual(['Начальные классы']);
      if (e.position === 'Воспитатель') expect(orgKind.get(e.organizationId)).not.toBe('additional');
      if (e.position === 'Тренер-преподаватель') expect(e.subjects).toHaveLength(1);
      expect(e.rate).toBeGreaterThan(0);
      expect(e.startDate <= AS_OF).toBe(true);
    }
    const positions = new Set(ds.employments.map((e) => e.position));
    for (const p of [
      'Воспитатель',
      'Тренер-преподаватель',
      'Педагог дополнительного образования',
      'Директор',
      'Заведующий',
    ])
      expect(positions).toContain(p);
    const schoolTeachers = ds.employments.filter(
      (e) =>
        orgKind.get(e.organizationId) === 'school' && e.kind === 'main' && e.position.startsWith('Учитель '),
    );
    const heavy = schoolTeachers.filter((e) => e.loadHours > 30).length;
    expect(heavy).toBeGreaterThan(5);
    expect(heavy).toBeLessThan(schoolTeachers.length / 4);
  });

  it('has eight vacancies, some «Земский учитель», a couple closed', () => {
    expect(ds.vacancies).toHaveLength(8);
    expect(ds.vacancies.filter((v) => v.zemsky).length).toBeGreaterThanOrEqual(2);
    const closed = ds.vacancies.filter((v) => v.closedOn);
    expect(closed.length).toBeGreaterThanOrEqual(2);
    for (const v of closed) expect(v.closedOn! > v.openedOn).toBe(true);
  });

  it('has staffing for every organisation for last year and this, at 001’s levels', () => {
    expect(ds.staffing).toHaveLength(38);
    expect(new Set(ds.staffing.map((s) => s.year))).toEqual(new Set([2025, 2026]));
    const orgKind = new Map(ds.organizations.map((o) => [o.id, o.kind]));
    const level = (kind: string) => {
      const rows = ds.staffing.filter((s) => s.year === 2026 && orgKind.get(s.organizationId) === kind);
      return (rows.reduce((a, s) => a + s.pedOccupied, 0) / rows.reduce((a, s) => a + s.pedTotal, 0)) * 100;
    };
    expect(Math.abs(level('school') - 95)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(level('preschool') - 99)).toBeLessThanOrEqual(1);
    expect(Math.abs(level('additional') - 93)).toBeLessThanOrEqual(2);
    for (const s of ds.staffing) {
      expect(s.pedOccupied).toBeLessThanOrEqual(s.pedTotal);
      expect(s.admOccupied).toBeLessThanOrEqual(s.admTotal);
    }
    // Occupied rates are the rates of the people employed there.
    const [school1] = ds.organizations;
    const occupied = ds.employments
      .filter((e) => e.organizationId === school1!.id && e.staffCategory === 'pedagogical')
      .reduce((a, e) => a + e.rate, 0);
    const row = ds.staffing.find((s) => s.organizationId === school1!.id && s.year === 2026)!;
    expect(row.pedOccupied).toBeCloseTo(occupied, 2);
  });
});

describe('chooseDemoCast', () => {
  it('ties the demo accounts to the right people', () => {
    const cast = chooseDemoCast(ds);
    const jobs = (id: string) => ds.employments.filter((e) => e.personId === id);
    expect(jobs(cast.school1Head.id)).toContainEqual(
      expect.objectContaining({ organizationId: cast.school1.id, position: 'Директор', kind: 'main' }),
    );
    expect(jobs(cast.lyceumHead.id)).toContainEqual(
      expect.objectContaining({ organizationId: cast.lyceum.id, position: 'Директор' }),
    );
    expect(jobs(cast.teacher.id)).toContainEqual(
      expect.objectContaining({
        organizationId: cast.school1.id,
        kind: 'main',
        staffCategory: 'pedagogical',
      }),
    );
    expect(cast.curator.category).toBe('highest');
    expect(cast.mentees).toHaveLength(CURATOR_MENTEES);
    expect(new Set(cast.mentees.map((p) => p.id)).size).toBe(CURATOR_MENTEES);
    expect(cast.mentees.map((p) => p.id)).toContain(cast.teacher.id);
    expect(cast.mentees.map((p) => p.id)).not.toContain(cast.curator.id);
    expect(jobs(cast.expert.id)[0]!.organizationId).toBe(cast.lyceum.id);
    expect(chooseDemoCast(zimaDataset({ asOf: AS_OF })).teacher.id).toBe(cast.teacher.id);
  });
});
