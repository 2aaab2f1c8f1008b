import { describe, expect, it } from 'vitest';
import { type Actor, ROLES } from '../platform/auth/actor.ts';
import { itemClosed, type RouteFacts, routePermissions, routesCapabilities } from './routes.policy.ts';

const actor = (over: Partial<Actor>): Actor => ({
  userId: 'u-other',
  email: 'x@test.local',
  fullName: 'X',
  role: 'teacher',
  regionId: null,
  municipalityId: null,
  organizationId: null,
  personId: null,
  ...over,
});

const route = (over: Partial<RouteFacts> = {}): RouteFacts => ({
  personId: 'p1',
  curatorUserId: 'u-curator',
  status: 'draft',
  agreedByTeacherAt: null,
  agreedByCuratorAt: null,
  inScope: true,
  ...over,
});

describe('route permissions', () => {
  const teacher = actor({ personId: 'p1' });
  const curator = actor({ userId: 'u-curator', role: 'curator' });
  const methodist = actor({ role: 'municipal_methodist', municipalityId: 'm1' });
  const head = actor({ role: 'org_head', organizationId: 'o1' });

  it('draft: each side agrees once; only the curator and managers edit', () => {
    expect(routePermissions(teacher, route())).toMatchObject({
      agreeAsTeacher: true,
      agreeAsCurator: false,
      edit: false,
    });
    expect(routePermissions(curator, route())).toMatchObject({
      agreeAsTeacher: false,
      agreeAsCurator: true,
      edit: true,
    });
    expect(
      routePermissions(teacher, route({ agreedByTeacherAt: '2026-01-01T00:00:00Z' })).agreeAsTeacher,
    ).toBe(false);
    expect(routePermissions(methodist, route())).toMatchObject({
      edit: true,
      assignCurator: true,
      cancel: true,
    });
    expect(routePermissions(head, route())).toMatchObject({ edit: false, cancel: false, comment: true });
  });

  it('a methodist seeing the route only as its curator does not manage it', () => {
    const viaCuratorship = actor({ userId: 'u-curator', role: 'municipal_methodist' });
    expect(routePermissions(viaCuratorship, route({ inScope: false }))).toMatchObject({
      cancel: false,
      confirm: false,
    });
    expect(routePermissions(methodist, route({ inScope: false }))).toMatchObject({
      cancel: false,
      edit: false,
    });
  });

  it('follows the state machine: start when agreed, complete and confirm while in progress', () => {
    expect(routePermissions(teacher, route({ status: 'agreed' })).start).toBe(true);
    expect(routePermissions(teacher, route({ status: 'in_progress' }))).toMatchObject({
      start: false,
      complete: false,
    });
    expect(routePermissions(curator, route({ status: 'in_progress' }))).toMatchObject({
      complete: true,
      confirm: true,
    });
    expect(routePermissions(methodist, route({ status: 'completed' }))).toMatchObject({
      cancel: false,
      edit: false,
    });
  });

  it("a municipal head reads routes but does not comment; the route's own people always may", () => {
    const munHead = actor({ role: 'municipal_head', municipalityId: 'm1' });
    expect(routePermissions(munHead, route())).toMatchObject({ comment: false, edit: false, cancel: false });
    expect(routePermissions(teacher, route({ inScope: false })).comment).toBe(true);
    expect(routePermissions(methodist, route()).comment).toBe(true);
  });

  it('an item is closed when dropped or done and confirmed', () => {
    expect(itemClosed({ status: 'dropped', confirmed_at: null })).toBe(true);
    expect(itemClosed({ status: 'done', confirmed_at: null })).toBe(false);
    expect(itemClosed({ status: 'done', confirmed_at: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(itemClosed({ status: 'in_progress', confirmed_at: null })).toBe(false);
  });
});

describe('routes capabilities', () => {
  const flagged = (flag: keyof ReturnType<typeof routesCapabilities>) =>
    ROLES.filter((role) => routesCapabilities(actor({ role }))[flag]);
  it('lists for territorial roles, the desk for curators and methodists', () => {
    expect(flagged('listRoutes')).toEqual([
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
    ]);
    expect(flagged('manageRoutes')).toEqual(['admin', 'region_admin', 'municipal_methodist']);
    expect(flagged('curateRoutes')).toEqual(['municipal_methodist', 'curator']);
  });
});
