import { z } from 'zod';
import { forbidden, notFound } from '../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import {
  IMPORT_DESCRIPTION,
  importRefusedSchema,
  importReportSchema,
  ZImportQuery,
} from '../platform/import/import.schemas.ts';
import { runImport } from '../platform/import/import-run.ts';
import { importerTemplate, sendDownload } from '../platform/import/import-template.ts';
import { importAnswer, readUploadedFile } from '../platform/import/import-upload.ts';
import { today as todayInZone } from '../platform/time/today.ts';
import { ATTENDANCE_COLUMNS, ATTENDANCE_TEMPLATE, attendanceImporter } from './attendance.importer.ts';
import {
  downloadCertificate,
  getCertificate,
  myCertificates,
  myPortfolio,
  revoke,
  verify,
} from './certificates/certificates.service.ts';
import { type AttendanceChange, announceAttendance, markAttendance, setRole } from './events.attendance.ts';
import { canManagePlan } from './events.policy.ts';
import { findEvent, findPlan } from './events.repository.ts';
import {
  ZAttendance,
  ZCertificate,
  ZCertificateList,
  ZCertificateVerification,
  ZPortfolio,
  ZRegistration,
  ZRevoke,
  ZRoleInput,
} from './events.schemas.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['events'];

export const ZAttendanceImportReport = importReportSchema(z.enum(['event_attendance']));

/** Attendance, roles and certificates of events; the verification page needs no login. */
export function registerAttendanceRoutes(app: App, { db, config }: AppDeps): void {
  const deps = { db };

  app.put(
    '/api/event-registrations/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Отметить присутствие (организатор); повторная отметка ничего не меняет',
        params: ZId,
        body: ZAttendance,
        response: { 200: ZRegistration },
      },
    },
    async (request) => markAttendance(deps, actorOf(request), request.params.id, request.body.attended),
  );

  app.put(
    '/api/event-registrations/:id/role',
    {
      schema: {
        tags,
        summary:
          'Роль участника: участник, представление опыта (тема, материалы), организатор, модератор, жюри',
        params: ZId,
        body: ZRoleInput,
        response: { 200: ZRegistration },
      },
    },
    async (request) => setRole(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/events/attendance-template',
    {
      schema: {
        tags,
        summary: 'Шаблон файла присутствия (отчёт вебинарной площадки)',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('csv') }),
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await importerTemplate(
          { columns: ATTENDANCE_COLUMNS, template: ATTENDANCE_TEMPLATE },
          request.query.format,
        ),
      ),
  );

  app.post(
    '/api/events/:id/attendance/import',
    {
      schema: {
        tags,
        summary: 'Загрузка присутствия из отчёта вебинарной площадки (CSV или XLSX, поле «file»)',
        description: IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        params: ZId,
        querystring: ZImportQuery,
        response: { 200: ZAttendanceImportReport, 422: importRefusedSchema(ZAttendanceImportReport) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const event = await findEvent(db, actor, request.params.id);
      const plan = event ? await findPlan(db, actor, event.plan_id) : null;
      if (!event || !plan) throw notFound('Мероприятие не найдено.');
      if (!canManagePlan(actor, plan)) throw forbidden('Присутствие отмечает организатор мероприятия.');
      const file = await readUploadedFile(request);
      const { dryRun, mode } = request.query;
      const changes: AttendanceChange[] = [];
      const report = await runImport(db, attendanceImporter(event, todayInZone(), changes), {
        actor,
        ...file,
        mode,
        dryRun,
      });
      if (report.committed) await announceAttendance(db, actor, event.id, changes);
      const { status, body } = importAnswer(request, report, mode);
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/my/certificates',
    { schema: { tags, summary: 'Мои сертификаты и благодарности', response: { 200: ZCertificateList } } },
    async (request) => myCertificates(db, actorOf(request)),
  );

  app.get(
    '/api/my/portfolio',
    {
      schema: {
        tags,
        summary: 'Моё портфолио: сертификаты и выступления (трансляция опыта) — только свои',
        response: { 200: ZPortfolio },
      },
    },
    async (request) => myPortfolio(db, actorOf(request)),
  );

  app.get(
    '/api/certificates/:id',
    {
      schema: {
        tags,
        summary: 'Сертификат (свой или своего мероприятия)',
        params: ZId,
        response: { 200: ZCertificate },
      },
    },
    async (request) => getCertificate(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/certificates/:id/pdf',
    { schema: { tags, summary: 'Скачать сертификат в PDF', params: ZId } },
    async (request, reply) => {
      const base = config.publicUrl ?? `${request.protocol}://${request.host}`;
      return sendDownload(reply, await downloadCertificate(db, actorOf(request), request.params.id, base));
    },
  );

  app.post(
    '/api/certificates/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Отозвать сертификат с указанием причины (организатор)',
        params: ZId,
        body: ZRevoke,
        response: { 200: ZCertificate },
      },
    },
    async (request) => revoke(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/certificates/verify/:code',
    {
      config: { auth: false },
      schema: {
        tags,
        summary: 'Проверка подлинности сертификата по коду (без входа)',
        params: z.object({ code: z.string().max(100) }),
        response: { 200: ZCertificateVerification },
      },
    },
    async (request) => verify(db, request.params.code),
  );
}
