import { type AuditEntry, writeAuditMany } from '../platform/audit/audit.repository.ts';
import { ROLE_LABELS, type Role } from '../platform/auth/actor.ts';
import { hashPassword } from '../platform/auth/password.ts';
import type { Db } from '../platform/db/database.ts';
import { loadDataset } from './dataset.loader.ts';
import type { Dataset } from './dataset.ts';
import {
  assignToCurator,
  findTerritory,
  insertDemoUsers,
  isDatabaseEmpty,
  lockDemoLoad,
  type NewDemoUser,
} from './demo.repository.ts';
import { chooseDemoCast, type DemoCast, fullName } from './demo-cast.ts';
import { ZIMA_MUNICIPALITY, ZIMA_REGION, zimaDataset } from './zima.dataset.ts';

export interface DemoLogin {
  role: string;
  roleLabel: string;
  email: string;
  password: string;
}

/** One password for every demo account: letters and digits, as the password rule asks. */
export const DEMO_PASSWORD = 'zima2026';

type Seat =
  | 'admin'
  | 'region'
  | 'methodist'
  | 'head'
  | 'school1'
  | 'lyceum'
  | 'teacher'
  | 'curator'
  | 'expert';

const SEATS: readonly { seat: Seat; role: Role; email: string; roleLabel: string }[] = [
  { seat: 'admin', role: 'admin', email: 'admin@zima.demo', roleLabel: ROLE_LABELS.admin },
  {
    seat: 'region',
    role: 'region_admin',
    email: 'region@zima.demo',
    roleLabel: 'Региональный оператор (Иркутская обл.)',
  },
  {
    seat: 'methodist',
    role: 'municipal_methodist',
    email: 'metodist@zima.demo',
    roleLabel: 'Методист ММС (г. Зима)',
  },
  {
    seat: 'head',
    role: 'municipal_head',
    email: 'komitet@zima.demo',
    roleLabel: 'Руководитель Комитета по образованию (г. Зима)',
  },
  { seat: 'school1', role: 'org_head', email: 'sosh1@zima.demo', roleLabel: 'Директор МБОУ «СОШ № 1»' },
  {
    seat: 'lyceum',
    role: 'org_head',
    email: 'licey@zima.demo',
    roleLabel: 'Директор МБОУ «Зиминский лицей»',
  },
  { seat: 'teacher', role: 'teacher', email: 'pedagog@zima.demo', roleLabel: 'Педагог МБОУ «СОШ № 1»' },
  {
    seat: 'curator',
    role: 'curator',
    email: 'kurator@zima.demo',
    roleLabel: 'Куратор (10 молодых педагогов)',
  },
  { seat: 'expert', role: 'expert', email: 'expert@zima.demo', roleLabel: ROLE_LABELS.expert },
];

/** Every demo account, for the README, the tests and the start-up message. */
export const DEMO_LOGINS: readonly DemoLogin[] = SEATS.map(({ role, roleLabel, email }) => ({
  role,
  roleLabel,
  email,
  password: DEMO_PASSWORD,
}));

/** Officials of the town and the region: invented names, no person record behind them. */
const OFFICIALS: Partial<Record<Seat, string>> = {
  admin: 'Администратор системы',
  region: 'Белова Ирина Сергеевна',
  methodist: 'Кравцова Ольга Петровна',
  head: 'Громов Андрей Николаевич',
};

function demoUsers(
  cast: DemoCast,
  territory: { regionId: string; municipalityId: string },
  hashes: string[],
): NewDemoUser[] {
  const { regionId, municipalityId } = territory;
  const seat = (
    s: Seat,
  ): Pick<NewDemoUser, 'regionId' | 'municipalityId' | 'organizationId' | 'personId' | 'fullName'> => {
    switch (s) {
      case 'admin':
        return {
          regionId: null,
          municipalityId: null,
          organizationId: null,
          personId: null,
          fullName: OFFICIALS.admin!,
        };
      case 'region':
        return {
          regionId,
          municipalityId: null,
          organizationId: null,
          personId: null,
          fullName: OFFICIALS.region!,
        };
      case 'methodist':
      case 'head':
        return { regionId, municipalityId, organizationId: null, personId: null, fullName: OFFICIALS[s]! };
      case 'school1':
        return {
          regionId,
          municipalityId,
          organizationId: cast.school1.id,
          personId: cast.school1Head.id,
          fullName: fullName(cast.school1Head),
        };
      case 'lyceum':
        return {
          regionId,
          municipalityId,
          organizationId: cast.lyceum.id,
          personId: cast.lyceumHead.id,
          fullName: fullName(cast.lyceumHead),
        };
      case 'teacher':
        return {
          regionId,
          municipalityId,
          organizationId: cast.school1.id,
          personId: cast.teacher.id,
          fullName: fullName(cast.teacher),
        };
      case 'curator':
        return {
          regionId,
          municipalityId,
          organizationId: cast.school1.id,
          personId: cast.curator.id,
          fullName: fullName(cast.curator),
        };
      case 'expert':
        return {
          regionId,
          municipalityId,
          organizationId: null,
          personId: cast.expert.id,
          fullName: fullName(cast.expert),
        };
    }
  };
  return SEATS.map((s, i) => ({ email: s.email, role: s.role, passwordHash: hashes[i]!, ...seat(s.seat) }));
}

/**
 * Loads the demo municipality (г. Зима) and one account per role into an empty database — no
 * organisations and no users. Returns the accounts, or null when there was data already.
 */
export async function loadDemoIfEmpty(db: Db): Promise<{ logins: DemoLogin[] } | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  // Hash outside the transaction: argon2 is slow on purpose, and each account gets its own salt.
  const hashes = await Promise.all(SEATS.map(() => hashPassword(DEMO_PASSWORD)));
  const dataset: Dataset = zimaDataset();
  const cast = chooseDemoCast(dataset);
  const loaded = await db.transaction(async (tx) => {
    await lockDemoLoad(tx);
    if (!(await isDatabaseEmpty(tx))) return false;
    const counts = await loadDataset(tx, dataset, { analyze: false });
    const territory = await findTerritory(tx, ZIMA_REGION.code, ZIMA_MUNICIPALITY.name);
    const users = demoUsers(cast, territory, hashes);
    const created = await insertDemoUsers(tx, users);
    const idByEmail = new Map(created.map((u) => [u.email, u.id]));
    const curatorId = idByEmail.get(SEATS.find((s) => s.seat === 'curator')!.email)!;
    await assignToCurator(
      tx,
      curatorId,
      cast.mentees.map((p) => p.id),
    );
    const audit: AuditEntry[] = [
      {
        actor: null,
        action: 'create',
        entity: 'demo',
        details: {
          municipality: ZIMA_MUNICIPALITY.name,
          organizations: counts.organizations,
          people: counts.people,
          employments: counts.employments,
          vacancies: counts.vacancies,
          staffing: counts.staffing,
        },
      },
      ...users.map((u) => ({
        actor: null,
        action: 'create',
        entity: 'user',
        entityId: idByEmail.get(u.email) ?? null,
        personId: u.personId,
        after: { email: u.email, role: u.role, demo: true },
      })),
    ];
    await writeAuditMany(tx, audit);
    return true;
  });
  if (!loaded) return null;
  await db.queryText(
    'ANALYZE regions, municipalities, organizations, people, employments, vacancies, staffing',
  );
  return { logins: DEMO_LOGINS.map((l) => ({ ...l })) };
}
