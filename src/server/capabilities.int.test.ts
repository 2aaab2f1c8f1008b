import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { insertCompetencies } from '../catalog/catalog.test-data.ts';
import type { Role } from '../platform/auth/actor.ts';
import { sql } from '../platform/db/database.ts';
import type { Capabilities } from './capabilities.ts';

/**
 * `/api/auth/me` tells the web what the caller may do; these flags must agree with what the server
 * actually lets them do. Each role signs in and tries a few representative actions: a flag that is
 * false answers 403, a flag that is true answers anything but 403.
 */

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const caps: Partial<Record<Role, Capabilities>> = {};

const ROLES: Role[] = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
  'teacher',
  'curator',
  'expert',
];

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  await insertCompetencies(t.db, ['CAP1']);
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const person = await ctx.newPerson({ organizationId: school.id });
  const territory = { regionId: muni.regionId, municipalityId: muni.id };
  const scopes: Record<Role, Parameters<typeof ctx.newUser>[0]> = {
    admin: { role: 'admin' },
    region_admin: { role: 'region_admin', regionId: muni.regionId },
    municipal_methodist: { role: 'municipal_methodist', ...territory },
    municipal_head: { role: 'municipal_head', ...territory },
    org_head: { role: 'org_head', ...territory, organizationId: school.id },
    teacher: { role: 'teacher', personId: person.id, organizationId: school.id },
    curator: { role: 'curator', regionId: muni.regionId },
    expert: { role: 'expert' },
  };
  for (const role of ROLES) {
    const client = await t.login(await ctx.newUser(scopes[role]));
    as[role] = client;
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    caps[role] = me.body.capabilities;
  }
}, 120_000);
afterAll(async () => t.close());

/** Whether the server refused: 403 exactly (a 404 or 422 means the role got past the permission check). */
const refused = (status: number) => status === 403;

const ACTIONS: {
  name: string;
  flag: (c: Capabilities) => boolean;
  run: (c: Client, role: Role) => Promise<{ status: number }>;
}[] = [
  {
    name: 'create a program',
    flag: (c) => c.catalog.createPrograms,
    run: (c, role) =>
      c.post('/api/programs', {
        code: `CAP-${role}`,
        name: 'Программа для проверки прав',
        kind: 'upgrade',
        hours: 36,
        provider: 'ЦНППМ',
        format: 'distance',
        priorityDirections: [],
        competencyCodes: ['CAP1'],
      }),
  },
  {
    name: 'generate routes',
    flag: (c) => c.routes.generateRoutes,
    run: (c) => c.post('/api/route-generation', { frameworkId: '00000000-0000-4000-8000-000000000000' }),
  },
  {
    name: 'read indicator sets',
    flag: (c) => c.monitoring.readSets,
    run: (c) => c.get('/api/indicator-sets'),
  },
  { name: 'read forms', flag: (c) => c.monitoring.readForms, run: (c) => c.get('/api/forms') },
  {
    name: 'view campaigns',
    flag: (c) => c.assessment.viewCampaigns,
    run: (c) => c.get('/api/assessment-campaigns'),
  },
  { name: 'read the audit log', flag: (c) => c.admin.audit, run: (c) => c.get('/api/audit') },
  { name: 'see the set-up steps', flag: (c) => c.directory.setUp, run: (c) => c.get('/api/setup') },
  {
    name: 'list territories with counts',
    flag: (c) => c.directory.manageTerritories,
    run: (c) => c.get('/api/territories/summary'),
  },
  {
    name: 'invite registry people in bulk',
    flag: (c) => c.directory.bulkInvite,
    run: (c) => c.get('/api/invitations/bulk/preview'),
  },
  {
    name: 'read the mail outbox',
    flag: (c) => c.notifications.readOutbox,
    run: (c) => c.get('/api/notifications/outbox'),
  },
  {
    // Without a mail server the admin's resend is a 409 «не настроен»: allowed, not refused.
    name: 'resend the unsent letters',
    flag: (c) => c.notifications.resendOutbox,
    run: (c) => c.post('/api/notifications/outbox/resend', {}),
  },
  {
    name: 'read the burnout-support counts',
    flag: (c) => c.wellbeing.seeSummary,
    run: (c) => c.get('/api/wellbeing/summary'),
  },
  {
    name: 'keep the school’s support plans',
    flag: (c) => c.wellbeing.keepPlans,
    run: (c) => c.get('/api/wellbeing/plans'),
  },
  {
    name: 'create users',
    flag: (c) => c.admin.users,
    run: (c, role) =>
      c.post('/api/users', { email: `cap-${role}@example.test`, fullName: 'Проверка прав', role: 'expert' }),
  },
];

describe('/api/auth/me capabilities', () => {
  it('keeps the identity fields and adds every context', async () => {
    const me = await as.admin!.get('/api/auth/me');
    expect(me.body).toMatchObject({ role: 'admin' });
    expect(Object.keys(me.body.capabilities).sort()).toEqual(
      [
        'admin',
        'assessment',
        'catalog',
        'directory',
        'expertCards',
        'mentoring',
        'monitoring',
        'notifications',
        'practices',
        'routes',
        'search',
        'wellbeing',
      ].sort(),
    );
    expect(caps.teacher!.admin).toEqual({ users: false, audit: false, settings: false });
    // Expert cards: a teacher sees none of them; the head fills, the expert reviews, the methodist runs.
    expect(Object.values(caps.teacher!.expertCards).some(Boolean)).toBe(false);
    expect(ROLES.filter((r) => caps[r]!.expertCards.fillCards)).toEqual(['org_head']);
    expect(ROLES.filter((r) => caps[r]!.expertCards.reviewCards)).toEqual(['expert']);
    expect(caps.org_head!.directory.invitableRoles).toEqual(['teacher', 'curator']);
    // The curator's desk: curators and methodists by trade.
    expect(ROLES.filter((r) => caps[r]!.routes.curateRoutes)).toEqual(['municipal_methodist', 'curator']);
    // The learner's own sections (card, route, diagnoses): a teacher linked to the registry.
    const learners = ROLES.filter((r) => caps[r]!.routes.followOwnRoute);
    expect(learners).toEqual(['teacher']);
    expect(ROLES.filter((r) => caps[r]!.assessment.takeAssessments)).toEqual(learners);
    expect(ROLES.filter((r) => caps[r]!.directory.seeOwnCard)).toEqual(learners);
    // Organizations, vacancies and staffing: scopes that are a territory or a school.
    expect(ROLES.filter((r) => caps[r]!.directory.seeOrganizations)).toEqual([
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
    ]);
    // The sign-in answer is the same shape, so the web can keep it as the session.
    const user = await t.ctx.newUser({ role: 'expert' });
    const login = await t.client().post('/api/auth/login', { email: user.email, password: user.password });
    expect(login.body.capabilities).toEqual(caps.expert);
    expect(caps.municipal_methodist!.catalog.createPrograms).toBe(true);
  });

  it('finds in the registry what the role does not say: a school psychologist, a council member', async () => {
    const { ctx } = t;
    const muni = await ctx.newMunicipality();
    const school = await ctx.newOrg({ municipalityId: muni.id });
    const psychologist = await ctx.newPerson({ organizationId: school.id, position: 'Педагог-психолог' });
    const member = await ctx.newPerson({ organizationId: school.id });
    const teacher = (personId: string) =>
      ctx.newUser({ role: 'teacher', personId, organizationId: school.id });
    const [council] = await t.db.query<{ id: string }>(sql`
      INSERT INTO communities (kind, level, region_id, municipality_id, name)
      VALUES ('methodical_council', 'municipal', ${muni.regionId}, ${muni.id}, 'Методический совет') RETURNING id`);
    await t.db.query(sql`INSERT INTO community_members (community_id, person_id, joined_on)
                         VALUES (${council!.id}, ${member.id}, '2026-09-01')`);
    const psy = await t.login(await teacher(psychologist.id));
    const sits = await t.login(await teacher(member.id));
    const psyCaps = (await psy.get('/api/auth/me')).body.capabilities as Capabilities;
    const sitsCaps = (await sits.get('/api/auth/me')).body.capabilities as Capabilities;
    expect(psyCaps.wellbeing.keepPlans).toBe(true);
    expect(psyCaps.practices.moderate).toBe(false);
    expect(sitsCaps.practices.moderate).toBe(true);
    expect(sitsCaps.wellbeing.keepPlans).toBe(false);
    // The ordinary teacher has neither; and the server agrees with both flags.
    expect(caps.teacher!.wellbeing.keepPlans).toBe(false);
    expect(caps.teacher!.practices.moderate).toBe(false);
    expect((await psy.get('/api/wellbeing/plans')).status).toBe(200);
    expect((await sits.get('/api/practices?status=on_moderation')).status).toBe(200);
    expect((await as.teacher!.get('/api/wellbeing/plans')).status).toBe(403);
  });

  for (const action of ACTIONS) {
    it(`agrees with the server: ${action.name}`, async () => {
      const seen: Record<string, { flag: boolean; refused: boolean }> = {};
      for (const role of ROLES) {
        const res = await action.run(as[role]!, role);
        seen[role] = { flag: action.flag(caps[role]!), refused: refused(res.status) };
      }
      const disagreeing = Object.entries(seen).filter(([, s]) => s.flag === s.refused);
      expect(disagreeing).toEqual([]);
      // Each action is allowed to someone and refused to someone, so the check means something.
      expect(Object.values(seen).some((s) => s.flag)).toBe(true);
      expect(Object.values(seen).some((s) => !s.flag)).toBe(true);
    });
  }
});
