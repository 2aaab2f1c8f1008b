import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { today } from '../../platform/time/today.ts';
import { loadDerivedRules } from '../derived/derived-rules.repository.ts';
import { pensionAgeSql, youngSql } from '../derived/derived-rules.ts';
import { can } from '../directory.policy.ts';
import { listStaffing } from '../staffing/staffing.repository.ts';
import { findMunicipality } from '../territories/territories.repository.ts';
import { presentVacancy, ZVacancy } from '../vacancies/vacancies.presenter.ts';
import { listVacancies } from '../vacancies/vacancies.repository.ts';
import { normalizeInn, ORG_KINDS } from '../vocabulary.ts';
import {
  codeTaken,
  findOrganization,
  insertOrganization,
  listOrganizationOptions,
  listOrganizations,
  type OrgRowDb,
  orgStaffSummary,
  updateOrganization,
} from './organizations.repository.ts';

const KINDS = Object.keys(ORG_KINDS) as [keyof typeof ORG_KINDS, ...(keyof typeof ORG_KINDS)[]];

export const ZOrg = z.object({
  id: z.string(),
  code: z.string(),
  fullName: z.string(),
  shortName: z.string(),
  kind: z.enum(KINDS),
  kindLabel: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  rural: z.boolean(),
  lowResults: z.boolean(),
  innovationPlatform: z.enum(['federal', 'regional', 'municipal']).nullable(),
  internshipPlatform: z.boolean(),
  mentoringRegulation: z.boolean(),
  inn: z.string().nullable(),
  staffCount: z.number(),
  vacanciesOpen: z.number(),
});

const ZStaffing = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  year: z.number(),
  pedTotal: z.number(),
  pedOccupied: z.number(),
  admTotal: z.number(),
  admOccupied: z.number(),
});

const ZOrgFields = z.object({
  municipalityId: z.uuid(),
  code: z.string().trim().min(1).max(30),
  fullName: z.string().trim().min(3).max(500),
  shortName: z.string().trim().min(2).max(200),
  kind: z.enum(KINDS),
  rural: z.boolean(),
  lowResults: z.boolean(),
  innovationPlatform: z.enum(['federal', 'regional', 'municipal']).nullable(),
  internshipPlatform: z.boolean(),
  mentoringRegulation: z.boolean(),
  inn: z.string().trim().max(12).nullable(),
});
const ZOrgInput = ZOrgFields.extend({
  rural: z.boolean().default(false),
  lowResults: z.boolean().default(false),
  innovationPlatform: z.enum(['federal', 'regional', 'municipal']).nullable().default(null),
  internshipPlatform: z.boolean().default(false),
  mentoringRegulation: z.boolean().default(false),
  inn: z.string().trim().max(12).nullable().default(null),
});
type OrgInput = z.infer<typeof ZOrgInput>;

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

function presentOrg(r: OrgRowDb) {
  const kind = r.kind as keyof typeof ORG_KINDS;
  return {
    id: r.id,
    code: r.code,
    fullName: r.full_name,
    shortName: r.short_name,
    kind,
    kindLabel: ORG_KINDS[kind].label,
    municipalityId: r.municipality_id,
    municipalityName: r.municipality_name,
    rural: r.rural,
    lowResults: r.low_results,
    innovationPlatform: r.innovation_platform,
    internshipPlatform: r.internship_platform,
    mentoringRegulation: r.mentoring_regulation,
    inn: r.inn,
    staffCount: r.staff_count,
    vacanciesOpen: r.vacancies_open,
  };
}

/** Refuses unless the actor may put an organization in this municipality (the directory policy). */
async function assertCanWriteIn(db: Db, actor: Actor, municipalityId: string): Promise<{ regionId: string }> {
  if (!can(actor, 'create', 'organization')) throw forbidden();
  const m = await findMunicipality(db, municipalityId);
  if (!m)
    throw invalid('Муниципалитет не найден.', [
      { path: 'municipalityId', message: 'Нет такого муниципалитета' },
    ]);
  if (!can(actor, 'create', { organizationIn: { regionId: m.region_id, municipalityId: m.id } })) {
    throw forbidden();
  }
  return { regionId: m.region_id };
}

const territoryOf = (o: OrgRowDb) => ({ regionId: o.region_id, municipalityId: o.municipality_id });

async function validateInput(
  db: Db,
  regionId: string,
  input: OrgInput,
  exceptId: string | null,
): Promise<string | null> {
  let inn: string | null = null;
  if (input.inn) {
    const r = normalizeInn(input.inn);
    if (!r.ok) throw invalid(`ИНН: ${r.reason}.`, [{ path: 'inn', message: r.reason }]);
    inn = r.value;
  }
  if (await codeTaken(db, regionId, input.code, exceptId)) {
    throw conflict(`Организация с кодом «${input.code}» уже есть в регионе.`);
  }
  return inn;
}

export function registerOrganizationRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/organizations',
    {
      schema: {
        tags: ['directory'],
        summary: 'Образовательные организации в пределах области доступа',
        querystring: z.object({
          municipalityId: z.uuid().optional(),
          kind: z.enum(KINDS).optional(),
          q: z.string().trim().max(100).optional(),
          rural: flag,
          lowResults: flag,
        }),
        response: { 200: z.object({ items: z.array(ZOrg), total: z.number() }) },
      },
    },
    async (request) => {
      const rows = await listOrganizations(db, actorOf(request), request.query);
      return { items: rows.map(presentOrg), total: rows.length };
    },
  );

  app.get(
    '/api/organizations/options',
    {
      schema: {
        tags: ['directory'],
        summary: 'Организации для выбора: названия, поиск, не больше limit',
        querystring: z.object({
          municipalityId: z.uuid().optional(),
          q: z.string().trim().max(100).optional(),
          // The select's current value(s), so their names show whatever the search.
          ids: z
            .union([z.uuid(), z.array(z.uuid()).max(100)])
            .transform((v) => (Array.isArray(v) ? v : [v]))
            .optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), shortName: z.string(), municipalityId: z.string() })),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { items, total } = await listOrganizationOptions(db, actorOf(request), request.query);
      return {
        items: items.map((o) => ({ id: o.id, shortName: o.short_name, municipalityId: o.municipality_id })),
        total,
      };
    },
  );

  app.get(
    '/api/organizations/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Карточка организации: сведения, кадры, штатное расписание, вакансии',
        params: z.object({ id: z.uuid() }),
        response: {
          200: ZOrg.extend({
            staffSummary: z.object({
              total: z.number(),
              pedagogical: z.number(),
              managerial: z.number(),
              young: z.number(),
              pensionAge: z.number(),
              loadOver30: z.number(),
              byCategory: z.object({
                highest: z.number(),
                first: z.number(),
                szd: z.number(),
                none: z.number(),
              }),
            }),
            staffing: z.array(ZStaffing),
            vacancies: z.array(ZVacancy),
            canEdit: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const org = await findOrganization(db, actor, request.params.id);
      if (!org) throw notFound('Организация не найдена или недоступна.');
      const rules = await loadDerivedRules(db);
      const asOf = today();
      const s = await orgStaffSummary(db, org.id, {
        young: youngSql(rules, 'p', asOf),
        pension: pensionAgeSql(rules, 'p', asOf),
        loadThreshold: rules.loadThresholdHours,
        asOf,
      });
      const staffing = await listStaffing(db, actor, { organizationId: org.id });
      const vacancies = await listVacancies(db, actor, { organizationId: org.id });
      return {
        ...presentOrg(org),
        staffSummary: {
          total: s.total,
          pedagogical: s.pedagogical,
          managerial: s.managerial,
          young: s.young,
          pensionAge: s.pension_age,
          loadOver30: s.load_over,
          byCategory: { highest: s.highest, first: s.first, szd: s.szd, none: s.none },
        },
        staffing,
        vacancies: vacancies.map(presentVacancy),
        canEdit: can(actor, 'update', { organization: territoryOf(org) }),
      };
    },
  );

  app.post(
    '/api/organizations',
    {
      schema: {
        tags: ['directory'],
        summary: 'Добавить организацию',
        body: ZOrgInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = request.body;
      const { regionId } = await assertCanWriteIn(db, actor, input.municipalityId);
      const id = await db.transaction(async (tx) => {
        const inn = await validateInput(tx, regionId, input, null);
        const id = await insertOrganization(tx, { ...input, regionId, inn });
        await writeAudit(tx, {
          actor,
          action: 'create',
          entity: 'organization',
          entityId: id,
          after: { ...input, inn },
        });
        return id;
      });
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/api/organizations/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Изменить сведения об организации',
        params: z.object({ id: z.uuid() }),
        body: ZOrgFields.partial(),
        response: { 200: ZOrg },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const before = await findOrganization(db, actor, request.params.id);
      if (!before) throw notFound('Организация не найдена или недоступна.');
      if (!can(actor, 'update', { organization: territoryOf(before) })) throw forbidden();
      const current: OrgInput = {
        municipalityId: before.municipality_id,
        code: before.code,
        fullName: before.full_name,
        shortName: before.short_name,
        kind: before.kind as OrgInput['kind'],
        rural: before.rural,
        lowResults: before.low_results,
        innovationPlatform: before.innovation_platform,
        internshipPlatform: before.internship_platform,
        mentoringRegulation: before.mentoring_regulation,
        inn: before.inn,
      };
      const next: OrgInput = {
        ...current,
        ...Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined)),
      };
      const { regionId } = await assertCanWriteIn(db, actor, next.municipalityId);
      await db.transaction(async (tx) => {
        const inn = await validateInput(tx, regionId, next, before.id);
        await updateOrganization(tx, before.id, { ...next, regionId, inn });
        await writeAudit(tx, {
          actor,
          action: 'update',
          entity: 'organization',
          entityId: before.id,
          before: current,
          after: { ...next, inn },
        });
      });
      return presentOrg((await findOrganization(db, actor, before.id))!);
    },
  );
}
