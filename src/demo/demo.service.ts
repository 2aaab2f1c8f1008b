import { writeAudit, writeAuditMany } from '../platform/audit/audit.repository.ts';
import { ROLE_LABELS, type Role } from '../platform/auth/actor.ts';
import { findUserByEmail, toActor } from '../platform/auth/auth.repository.ts';
import { hashPassword } from '../platform/auth/password.ts';
import type { Db } from '../platform/db/database.ts';
import { today as todayIn } from '../platform/time/today.ts';
import { loadDemoAssessment } from './assessment.demo.ts';
import { demoTrainings, insertDemoTrainings, loadDemoPrograms } from './catalog.demo.ts';
import { type DemoCommunities, loadDemoCommunities } from './communities.demo.ts';
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
import { insertPreviousRoutes } from './effect.demo.ts';
import { loadDemoEvents } from './events.demo.ts';
import { loadDemoMonitoring } from './monitoring.demo.ts';
import { loadDemoPractices } from './practices.demo.ts';
import { loadDemoRoutes } from './routes.demo.ts';
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
  | 'methodist2'
  | 'methodist3'
  | 'head'
  | 'school1'
  | 'lyceum'
  | 'teacher'
  | 'curator'
  | 'curator2'
  | 'curator3'
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
  // Two more methodists of the town's service: they curate the routes of schools without a curator.
  {
    seat: 'methodist2',
    role: 'municipal_methodist',
    email: 'metodist2@zima.demo',
    roleLabel: 'Методист ММС (г. Зима), куратор маршрутов',
  },
  {
    seat: 'methodist3',
    role: 'municipal_methodist',
    email: 'metodist3@zima.demo',
    roleLabel: 'Методист ММС (г. Зима), куратор маршрутов',
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
    roleLabel: 'Куратор (МБОУ «СОШ № 1»)',
  },
  {
    seat: 'curator2',
    role: 'curator',
    email: 'kurator2@zima.demo',
    roleLabel: 'Куратор (МБОУ «СОШ № 5»)',
  },
  {
    seat: 'curator3',
    role: 'curator',
    email: 'kurator3@zima.demo',
    roleLabel: 'Куратор (МБОУ «СОШ № 7»)',
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
  methodist2: 'Сафонова Татьяна Викторовна',
  methodist3: 'Лукин Дмитрий Александрович',
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
      case 'methodist2':
      case 'methodist3':
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
      case 'curator2':
      case 'curator3': {
        const c = cast.moreCurators[s === 'curator2' ? 0 : 1]!;
        return {
          regionId,
          municipalityId,
          organizationId: c.school.id,
          personId: c.person.id,
          fullName: fullName(c.person),
        };
      }
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

export interface DemoContent {
  organizations: number;
  people: number;
  programs: number;
  cohorts: number;
  trainings: number;
  campaigns: number;
  participants: number;
  results: number;
  peopleWithDeficit: number;
  routes: number;
  routesWithCurator: number;
  /** Routes of the previous cycle (September 2025 diagnosis), completed in June 2026. */
  completedRoutes: number;
  /** The town's plan of methodical events (events.demo.ts). */
  events: {
    events: number;
    registrations: number;
    attended: number;
    certificates: number;
    presenters: number;
    contestEntries: number;
    diplomas: number;
  };
  /** Associations, councils, the reserve and mentoring (communities.demo.ts). */
  communities: DemoCommunities;
  /** Answers to the town's monitoring form (monitoring.demo.ts), by status. */
  formSubmissions: { pending: number; submitted: number; accepted: number; returned: number };
  /** The bank of practices (practices.demo.ts): materials, of them published. */
  practices: { materials: number; published: number };
}

/**
 * Loads the demo municipality (г. Зима), one account per role, and its diagnosis and catalog —
 * preset frameworks and instruments, a closed September campaign with results (and the September
 * 2025 one of the pilot schools, whose routes are completed), an open one for
 * СОШ № 1, the region's programs with cohorts, past certificates, the town's monitoring form
 * answered by the schools (the 003 preset is not loaded: that is the methodist's one action) — into an empty database (no
 * organisations and no users). Returns the accounts, or null when there was data already.
 * `now` is the demo's today (campaign windows and cohorts are placed around it).
 *
 * It tells nobody anything: everything is written in one transaction through the services, not the
 * HTTP routes that emit events (and `emit` refuses to run inside a transaction), so no notification,
 * letter or notify job comes of the demo's own doings; the daily pass later tells of real deadlines.
 */
export async function loadDemoIfEmpty(
  db: Db,
  opts: { now?: Date } = {},
): Promise<{ logins: DemoLogin[]; content: DemoContent } | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  const now = opts.now ?? new Date();
  // Hash outside the transaction: argon2 is slow on purpose, and each account gets its own salt.
  const hashes = await Promise.all(SEATS.map(() => hashPassword(DEMO_PASSWORD)));
  const dataset: Dataset = zimaDataset();
  const cast = chooseDemoCast(dataset);
  const content = await db.transaction(async (tx): Promise<DemoContent | null> => {
    await lockDemoLoad(tx);
    if (!(await isDatabaseEmpty(tx))) return null;
    const counts = await loadDataset(tx, dataset, { analyze: false });
    const territory = await findTerritory(tx, ZIMA_REGION.code, ZIMA_MUNICIPALITY.name);
    const users = demoUsers(cast, territory, hashes);
    const created = await insertDemoUsers(tx, users);
    const idByEmail = new Map(created.map((u) => [u.email, u.id]));
    const userOf = (seat: Seat) => idByEmail.get(SEATS.find((s) => s.seat === seat)!.email)!;
    await assignToCurator(
      tx,
      userOf('curator'),
      cast.mentees.map((p) => p.id),
    );
    for (const [i, seat] of (['curator2', 'curator3'] as const).entries())
      await assignToCurator(
        tx,
        userOf(seat),
        cast.moreCurators[i]!.mentees.map((p) => p.id),
      );
    await writeAuditMany(
      tx,
      users.map((u) => ({
        actor: null,
        action: 'create',
        entity: 'user',
        entityId: idByEmail.get(u.email) ?? null,
        personId: u.personId,
        after: { email: u.email, role: u.role, demo: true },
      })),
    );

    // Diagnosis and catalog go through the services as the town's methodist would do them.
    const actorOf = async (seat: Seat) =>
      toActor((await findUserByEmail(tx, SEATS.find((s) => s.seat === seat)!.email))!);
    const methodist = await actorOf('methodist');
    const assessment = await loadDemoAssessment(tx, { methodist, dataset, cast, now });
    const catalog = await loadDemoPrograms(tx, {
      regionId: territory.regionId,
      frameworkId: assessment.teacherFrameworkId,
      today: now,
    });
    const curatorByOrg = new Map([
      [cast.school1.id, userOf('curator')],
      [cast.moreCurators[0]!.school.id, userOf('curator2')],
      [cast.moreCurators[1]!.school.id, userOf('curator3')],
    ]);
    const methodists = [userOf('methodist'), userOf('methodist2'), userOf('methodist3')];
    // The previous cycle's completed routes, before generation reads seats and curators' loads.
    const previousTrainings = await insertPreviousRoutes(tx, {
      cycle: assessment.previous,
      campaignId: assessment.previousCampaignId,
      frameworkId: assessment.teacherFrameworkId,
      methodistUserId: methodist.userId,
      // A school's curator curated its own people; the methodists the other pilot schools'.
      curatorOf: (organizationId, k) =>
        curatorByOrg.get(organizationId) ?? methodists[k % methodists.length]!,
      programIds: new Map(catalog.programs.map((p) => [p.program.code, p.id])),
    });
    const trainings = [...demoTrainings(dataset, catalog.programs, now), ...previousTrainings];
    await insertDemoTrainings(tx, trainings);
    // The plan of events before the routes: the generator proposes its upcoming events (events.demo.ts).
    const teacher = await actorOf('teacher');
    const { planId: _plan, ...events } = await loadDemoEvents(tx, {
      methodist,
      head: await actorOf('head'),
      teacher,
      organizations: { school1: cast.school1.id, lyceum: cast.lyceum.id },
      campaignId: assessment.closedCampaignId,
      today: todayIn(now),
    });
    // Associations, councils, the reserve and mentoring, before the routes look for mentors (communities.demo.ts).
    const communities = await loadDemoCommunities(tx, {
      methodist,
      region: await actorOf('region'),
      admin: await actorOf('admin'),
      headByOrg: new Map([
        [cast.school1.id, await actorOf('school1')],
        [cast.lyceum.id, await actorOf('lyceum')],
      ]),
      municipalityId: territory.municipalityId,
      today: todayIn(now),
    });
    // The bank of practices before the routes: self-education points at its materials (practices.demo.ts).
    const practices = await loadDemoPractices(tx, {
      methodist,
      frameworkId: assessment.teacherFrameworkId,
      teacherPersonId: cast.teacher.id,
      councilPersonIds: [cast.curator.id, cast.expert.id],
      now,
    });
    // Draft routes from the September results, a few moved on (routes.demo.ts).
    const routes = await loadDemoRoutes(tx, {
      methodist,
      teacher,
      curators: [await actorOf('curator'), await actorOf('curator2'), await actorOf('curator3')],
      frameworkId: assessment.teacherFrameworkId,
      campaignId: assessment.closedCampaignId,
      today: now.toISOString().slice(0, 10),
    });
    // The town's monitoring form, answered by the schools; the 003 preset is left for the methodist to load.
    const monitoring = await loadDemoMonitoring(tx, {
      methodist,
      headUserByOrg: new Map([
        [cast.school1.id, userOf('school1')],
        [cast.lyceum.id, userOf('lyceum')],
      ]),
      now,
    });

    const content: DemoContent = {
      organizations: counts.organizations,
      people: counts.people,
      programs: catalog.programs.length,
      cohorts: catalog.cohorts,
      trainings: trainings.length,
      campaigns: 3,
      participants: assessment.participants,
      results: assessment.results,
      peopleWithDeficit: assessment.peopleWithDeficit,
      routes: routes.generation.routesCreated,
      routesWithCurator: routes.generation.routesCreated - routes.generation.routesWithoutCurator,
      completedRoutes: assessment.previous.routes.length,
      events,
      communities,
      formSubmissions: monitoring.submissions,
      practices,
    };
    await writeAudit(tx, {
      actor: null,
      action: 'create',
      entity: 'demo',
      details: {
        municipality: ZIMA_MUNICIPALITY.name,
        employments: counts.employments,
        vacancies: counts.vacancies,
        staffing: counts.staffing,
        ...content,
      },
    });
    return content;
  });
  if (!content) return null;
  await db.queryText(
    'ANALYZE regions, municipalities, organizations, people, employments, vacancies, staffing, ' +
      'competency_results, campaign_participants, trainings, programs, program_competencies, ' +
      'learning_routes, learning_route_items, form_submissions, events, event_registrations, event_certificates, ' +
      'practice_materials, practice_material_competencies, practice_material_uses',
  );
  return { logins: DEMO_LOGINS.map((l) => ({ ...l })), content };
}
