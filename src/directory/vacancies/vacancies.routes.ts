import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { assertOrgWritable } from '../organizations/org-access.ts';
import { presentVacancy, ZVacancy } from './vacancies.presenter.ts';
import {
  findVacancy,
  insertVacancy,
  listVacancies,
  updateVacancy,
  type VacancyWrite,
} from './vacancies.repository.ts';

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

const ZVacancyInput = z.object({
  organizationId: z.uuid(),
  position: z.string().trim().min(2).max(200),
  subject: z.string().trim().max(100).nullable().default(null),
  rate: z.number().positive().max(5).default(1),
  zemsky: z.boolean().default(false),
  openedOn: z.iso.date(),
  closedOn: z.iso.date().nullable().default(null),
});

function checkDates(v: VacancyWrite): void {
  if (v.closedOn && v.closedOn < v.openedOn) {
    throw invalid('Дата закрытия раньше даты открытия.', [
      { path: 'closedOn', message: 'Раньше даты открытия' },
    ]);
  }
}

export function registerVacancyRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/vacancies',
    {
      schema: {
        tags: ['directory'],
        summary: 'Вакансии в пределах области доступа',
        querystring: z.object({
          municipalityId: z.uuid().optional(),
          organizationId: z.uuid().optional(),
          open: flag,
          zemsky: flag,
          subject: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZVacancy), total: z.number() }) },
      },
    },
    async (request) => {
      const rows = await listVacancies(db, actorOf(request), request.query);
      return { items: rows.map(presentVacancy), total: rows.length };
    },
  );

  app.post(
    '/api/vacancies',
    {
      schema: {
        tags: ['directory'],
        summary: 'Добавить вакансию',
        body: ZVacancyInput,
        response: { 201: ZVacancy },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = request.body;
      checkDates(input);
      await assertOrgWritable(db, actor, input.organizationId);
      const id = await db.transaction(async (tx) => {
        const id = await insertVacancy(tx, input);
        await writeAudit(tx, { actor, action: 'create', entity: 'vacancy', entityId: id, after: input });
        return id;
      });
      return reply.status(201).send(presentVacancy((await findVacancy(db, actor, id))!));
    },
  );

  app.patch(
    '/api/vacancies/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Изменить или закрыть вакансию',
        params: z.object({ id: z.uuid() }),
        body: z
          .object({
            organizationId: z.uuid(),
            position: z.string().trim().min(2).max(200),
            subject: z.string().trim().max(100).nullable(),
            rate: z.number().positive().max(5),
            zemsky: z.boolean(),
            openedOn: z.iso.date(),
            closedOn: z.iso.date().nullable(),
          })
          .partial(),
        response: { 200: ZVacancy },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const before = await findVacancy(db, actor, request.params.id);
      if (!before) throw notFound('Вакансия не найдена или недоступна.');
      await assertOrgWritable(db, actor, before.organization_id);
      const current: VacancyWrite = {
        organizationId: before.organization_id,
        position: before.position,
        subject: before.subject,
        rate: before.rate,
        zemsky: before.zemsky,
        openedOn: before.opened_on,
        closedOn: before.closed_on,
      };
      const next: VacancyWrite = {
        ...current,
        ...Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined)),
      };
      checkDates(next);
      if (next.organizationId !== current.organizationId)
        await assertOrgWritable(db, actor, next.organizationId);
      await db.transaction(async (tx) => {
        await updateVacancy(tx, before.id, next);
        await writeAudit(tx, {
          actor,
          action: 'update',
          entity: 'vacancy',
          entityId: before.id,
          before: current,
          after: next,
        });
      });
      return presentVacancy((await findVacancy(db, actor, before.id))!);
    },
  );
}
