import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/platform/auth/actor.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';
import { type Db, sql } from '../../src/platform/db/database.ts';

/**
 * Factories build each test's own data with plain SQL; every call makes new, unique rows.
 * `ctx.newOrg()`, `ctx.newPerson({ organizationId })`, `ctx.newUser({ role: 'org_head', … })`.
 */
const uid = () => randomBytes(4).toString('hex');
let counter = 0;
const next = () => ++counter;

export const TEST_PASSWORD = 'test-pass-123';
let hashed: Promise<string> | null = null;
const passwordHash = () => {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
};

/** A valid СНИЛС: 9 digits + checksum by the Pension Fund's rule. */
export function makeSnils(seed: number): string {
  const nine = String(100_000_000 + (seed % 899_999_999)).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
  let check = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101;
  if (check === 100) check = 0;
  return nine + String(check).padStart(2, '0');
}

export interface Ctx {
  db: Db;
  newRegion(p?: { name?: string }): Promise<{ id: string }>;
  newMunicipality(p?: { regionId?: string; name?: string }): Promise<{ id: string; regionId: string }>;
  newOrg(p?: {
    municipalityId?: string;
    kind?: string;
    code?: string;
    fullName?: string;
  }): Promise<{ id: string; municipalityId: string; regionId: string; code: string; fullName: string }>;
  newPerson(p: {
    organizationId: string;
    lastName?: string;
    firstName?: string;
    birthDate?: string;
    sex?: 'm' | 'f';
    snils?: string | null;
    category?: string;
    subjects?: string[];
    loadHours?: number;
    kind?: 'main' | 'internal' | 'external';
    staffCategory?: 'pedagogical' | 'managerial';
    position?: string;
    pedExperienceYears?: number;
  }): Promise<{ id: string; employmentId: string; snils: string | null; lastName: string }>;
  addEmployment(p: {
    personId: string;
    organizationId: string;
    kind: 'main' | 'internal' | 'external';
    position?: string;
    loadHours?: number;
    subjects?: string[];
  }): Promise<{ id: string }>;
  newUser(p: {
    role: Role;
    regionId?: string | null;
    municipalityId?: string | null;
    organizationId?: string | null;
    personId?: string | null;
    email?: string;
  }): Promise<{ id: string; email: string; password: string }>;
}

export function factories(db: Db): Ctx {
  const ctx: Ctx = {
    db,
    async newRegion(p = {}) {
      const n = next();
      const [r] = await db.query<{ id: string }>(
        sql`INSERT INTO regions (code, name) VALUES (${`R${uid()}`}, ${p.name ?? `Регион ${n}`}) RETURNING id`,
      );
      return r!;
    },
    async newMunicipality(p = {}) {
      const regionId = p.regionId ?? (await ctx.newRegion()).id;
      const [m] = await db.query<{ id: string }>(
        sql`INSERT INTO municipalities (region_id, code, name)
            VALUES (${regionId}, ${`M${uid()}`}, ${p.name ?? `Муниципалитет ${next()}-${uid()}`}) RETURNING id`,
      );
      return { id: m!.id, regionId };
    },
    async newOrg(p = {}) {
      const muni = p.municipalityId
        ? (
            await db.query<{ id: string; region_id: string }>(
              sql`SELECT id, region_id FROM municipalities WHERE id = ${p.municipalityId}`,
            )
          ).map((r) => ({ id: r.id, regionId: r.region_id }))[0]!
        : await ctx.newMunicipality();
      const code = p.code ?? `ORG${next()}${uid()}`;
      const fullName = p.fullName ?? `МБОУ «Школа № ${next()}» ${uid()}`;
      const [o] = await db.query<{ id: string }>(sql`
        INSERT INTO organizations (region_id, municipality_id, code, full_name, short_name, kind)
        VALUES (${muni.regionId}, ${muni.id}, ${code}, ${fullName}, ${fullName.slice(0, 30)}, ${p.kind ?? 'school'})
        RETURNING id`);
      return { id: o!.id, municipalityId: muni.id, regionId: muni.regionId, code, fullName };
    },
    async newPerson(p) {
      const [org] = await db.query<{ region_id: string }>(
        sql`SELECT region_id FROM organizations WHERE id = ${p.organizationId}`,
      );
      const n = next();
      const snils = p.snils === undefined ? makeSnils(n * 7919 + Number.parseInt(uid(), 16)) : p.snils;
      const lastName = p.lastName ?? `Иванова${n}`;
      const [person] = await db.query<{ id: string }>(sql`
        INSERT INTO people (region_id, last_name, first_name, patronymic, birth_date, sex, snils, category,
                            ped_experience_years, ped_experience_as_of)
        VALUES (${org!.region_id}, ${lastName}, ${p.firstName ?? 'Мария'}, 'Петровна', ${p.birthDate ?? '1985-03-15'},
                ${p.sex ?? 'f'}, ${snils}, ${p.category ?? 'first'}, ${p.pedExperienceYears ?? 10}, '2026-09-01')
        RETURNING id`);
      const emp = await ctx.addEmployment({
        personId: person!.id,
        organizationId: p.organizationId,
        kind: p.kind ?? 'main',
        position: p.position ?? 'Учитель',
        loadHours: p.loadHours ?? 18,
        subjects: p.subjects ?? ['Математика'],
      });
      if (p.staffCategory === 'managerial') {
        await db.query(sql`UPDATE employments SET staff_category = 'managerial' WHERE id = ${emp.id}`);
      }
      return { id: person!.id, employmentId: emp.id, snils, lastName };
    },
    async addEmployment(p) {
      const [e] = await db.query<{ id: string }>(sql`
        INSERT INTO employments (person_id, organization_id, position, staff_category, kind, subjects, load_hours, rate, start_date)
        VALUES (${p.personId}, ${p.organizationId}, ${p.position ?? 'Учитель'}, 'pedagogical', ${p.kind},
                ${sql.param(p.subjects ?? [])}::text[], ${p.loadHours ?? 18}, 1, '2015-09-01')
        RETURNING id`);
      return e!;
    },
    async newUser(p) {
      const email = p.email ?? `${p.role}.${uid()}@test.local`;
      const [u] = await db.query<{ id: string }>(sql`
        INSERT INTO users (email, full_name, password_hash, role, region_id, municipality_id, organization_id, person_id)
        VALUES (${email}, ${`Пользователь ${p.role}`}, ${await passwordHash()}, ${p.role}, ${p.regionId ?? null},
                ${p.municipalityId ?? null}, ${p.organizationId ?? null}, ${p.personId ?? null})
        RETURNING id`);
      return { id: u!.id, email, password: TEST_PASSWORD };
    },
  };
  return ctx;
}
