import type { Ctx } from '../../../tests/helpers/factories.ts';
import { personAuditEntries } from '../../platform/audit/audit.repository.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { STAFF_COLUMNS } from './import.service.ts';

/** A tag of Russian letters for the n-th world (names accept letters only): 1 → «Б», 27 → «ББ». */
export function letterTag(n: number): string {
  const letters = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';
  let tag = '';
  for (let x = n; x > 0; x = Math.floor(x / letters.length)) tag = letters[x % letters.length] + tag;
  return tag.toLowerCase();
}

/**
 * The world of the import-scope tests (API and command line): two municipalities of one region
 * and a second region, a lyceum teacher whom nobody else may rewrite, a teacher who also works
 * part-time at school 1, and the people who try.
 */
export async function buildScopeWorld(ctx: Ctx, tag: string) {
  const muniA = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muniA.regionId });
  const muniC = await ctx.newMunicipality();
  const school1 = await ctx.newOrg({
    municipalityId: muniA.id,
    code: `SA1-${tag}`,
    fullName: `СОШ № 1 ${tag}`,
  });
  const lyceum = await ctx.newOrg({ municipalityId: muniA.id, code: `LA-${tag}`, fullName: `Лицей ${tag}` });
  const schoolB = await ctx.newOrg({
    municipalityId: muniB.id,
    code: `SB1-${tag}`,
    fullName: `СОШ Б ${tag}`,
  });
  const schoolC = await ctx.newOrg({
    municipalityId: muniC.id,
    code: `SC1-${tag}`,
    fullName: `СОШ В ${tag}`,
  });
  // No category: a first category without its date would make every edit of hers invalid.
  const lyceumTeacher = await ctx.newPerson({
    organizationId: lyceum.id,
    lastName: `Лицеева${tag}`,
    category: 'none',
  });
  const sharedTeacher = await ctx.newPerson({
    organizationId: lyceum.id,
    lastName: `Совместителева${tag}`,
    category: 'none',
  });
  await ctx.addEmployment({
    personId: sharedTeacher.id,
    organizationId: school1.id,
    kind: 'external',
    position: 'Учитель',
    loadHours: 6,
  });
  // Lives by the border: her main job in region 1, a few hours at a school of region 2.
  const borderTeacher = await ctx.newPerson({
    organizationId: lyceum.id,
    lastName: `Пограничная${tag}`,
    category: 'none',
  });
  await ctx.addEmployment({
    personId: borderTeacher.id,
    organizationId: schoolC.id,
    kind: 'external',
    loadHours: 4,
  });
  const user = (p: Parameters<Ctx['newUser']>[0]) => ctx.newUser(p);
  return {
    muniA,
    school1,
    lyceum,
    schoolB,
    schoolC,
    lyceumTeacher,
    sharedTeacher,
    borderTeacher,
    users: {
      schoolHead: await user({ role: 'org_head', organizationId: school1.id, municipalityId: muniA.id }),
      methodistA: await user({
        role: 'municipal_methodist',
        municipalityId: muniA.id,
        regionId: muniA.regionId,
      }),
      methodistB: await user({
        role: 'municipal_methodist',
        municipalityId: muniB.id,
        regionId: muniA.regionId,
      }),
      regionOperator: await user({ role: 'region_admin', regionId: muniA.regionId }),
      otherRegionOperator: await user({ role: 'region_admin', regionId: muniC.regionId }),
    },
  };
}

export type ScopeWorld = Awaited<ReturnType<typeof buildScopeWorld>>;

export const formatSnils = (s: string) => `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 9)} ${s.slice(9)}`;

/** A staff-file row, keyed by header: a teacher of the given organization. */
export function staffRow(p: {
  organization: string;
  lastName: string;
  snils?: string | null;
  birthDate?: string;
  kind?: 'основное' | 'внешнее совместительство';
  load?: string;
}): Record<string, string> {
  return {
    Фамилия: p.lastName,
    Имя: 'Мария',
    Отчество: 'Петровна',
    'Дата рождения': p.birthDate ?? '15.03.1985',
    Пол: 'ж',
    ...(p.snils ? { СНИЛС: formatSnils(p.snils) } : {}),
    Организация: p.organization,
    Должность: 'Учитель',
    'Вид занятости': p.kind ?? 'основное',
    Нагрузка: p.load ?? '18',
  };
}

/**
 * The rows as a UTF-8 CSV with only the template's columns they fill: a column left out keeps the
 * registry's value (an empty cell would clear it).
 */
export function staffCsv(rows: Record<string, string>[]): Uint8Array {
  const quote = (v: string) => (/[;",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const headers = STAFF_COLUMNS.filter((h) => rows.some((r) => h in r));
  const text = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]
    .map((cells) => cells.map(quote).join(';'))
    .join('\r\n');
  return new TextEncoder().encode(`\ufeff${text}`);
}

/** Everything a person's record and current jobs say, to compare before and after. */
export async function personState(db: Db, personId: string) {
  const [person] = await db.query(sql`
    SELECT last_name, first_name, patronymic, birth_date, snils, updated_at FROM people WHERE id = ${personId}`);
  const jobs = await db.query(sql`
    SELECT organization_id, position, kind, load_hours, end_date, updated_at FROM employments
    WHERE person_id = ${personId} ORDER BY organization_id, position`);
  const audit = await db.query(sql`SELECT count(*)::int AS n FROM ${personAuditEntries(personId)} AS e`);
  return { person, jobs, audit: audit[0]!.n as number };
}
