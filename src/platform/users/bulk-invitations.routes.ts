import { z } from 'zod';
import { writeTable } from '../files/write-table.ts';
import { type App, type AppDeps, actorOf } from '../http/types.ts';
import { sendDownload } from '../import/import-template.ts';
import { today } from '../time/today.ts';
import {
  BULK_INVITATION_DAYS,
  type BulkInvitationLine,
  bulkInvite,
  previewBulkInvitations,
} from './bulk-invitations.service.ts';

const tags = ['platform'];

const ZFilter = z.object({
  municipalityId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  staffCategory: z.enum(['pedagogical', 'managerial']).optional(),
});

const ZSummary = z.object({
  total: z.number(),
  invited: z.number(),
  withoutEmail: z.number(),
  reissued: z.number(),
  pending: z.number(),
  hasAccount: z.number(),
  disabled: z.number(),
  organizations: z.array(
    z.object({ id: z.string(), name: z.string(), people: z.number(), invited: z.number() }),
  ),
});

const ZResult = ZSummary.extend({
  expiresAt: z.string(),
  lines: z.array(
    z.object({
      fullName: z.string(),
      organization: z.string(),
      position: z.string(),
      email: z.string().nullable(),
      link: z.string().nullable(),
      status: z.string(),
    }),
  ),
});

const ruDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

const COLUMNS = [
  { key: 'n', header: '№', width: 5 },
  { key: 'fullName', header: 'ФИО', width: 34 },
  { key: 'organization', header: 'Организация', width: 28 },
  { key: 'position', header: 'Должность', width: 20 },
  { key: 'email', header: 'Логин (эл. почта)', width: 26 },
  { key: 'link', header: 'Ссылка для входа', width: 70 },
  { key: 'expires', header: 'Действует до', width: 14 },
  { key: 'status', header: 'Состояние', width: 30 },
];

function rowsOf(lines: BulkInvitationLine[], expiresAt: string) {
  return lines.map((l, i) => ({
    n: i + 1,
    fullName: l.fullName,
    organization: l.organization,
    position: l.position,
    email: l.email ?? (l.link ? 'укажет сам(а) при входе' : ''),
    link: l.link ?? '',
    expires: l.link ? ruDate(expiresAt) : '',
    status: l.status,
  }));
}

export function registerBulkInvitationRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/invitations/bulk/preview',
    {
      schema: {
        tags,
        summary:
          'Сколько сотрудников будет приглашено: без учётной записи, без адреса, уже приглашённые и работающие',
        querystring: ZFilter.extend({ reissue: z.stringbool().optional() }),
        response: { 200: ZSummary },
      },
    },
    async (request) => previewBulkInvitations({ db }, actorOf(request), request.query),
  );

  app.post(
    '/api/invitations/bulk',
    {
      schema: {
        tags,
        summary:
          'Пригласить сотрудников реестра разом: учётные записи педагогов и одноразовые ссылки; ответ — список (XLSX, CSV или JSON)',
        description:
          'Методист приглашает сотрудников своего муниципалитета, руководитель — своей организации, ' +
          'администратор и региональный оператор — выбранного муниципалитета или организации. Каждый ' +
          'учитывается по основному месту работы. Ссылки действуют ' +
          `${BULK_INVITATION_DAYS} дней и есть только в этом ответе (в базе хранятся их отпечатки): ` +
          'при format=xlsx или csv ответ — файл со списком ФИО, организация, ссылка.',
        body: ZFilter.extend({
          /** Also give new links to accounts invited earlier and never taken up. */
          reissue: z.boolean().default(false),
          format: z.enum(['xlsx', 'csv', 'json']).default('xlsx'),
        }),
        response: { 201: ZResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { format } = request.body;
      const origin = `${request.protocol}://${request.host}`;
      const result = await bulkInvite({ db }, actor, { ...request.body, origin });
      if (format === 'json') return reply.status(201).send(result);
      const invited = result.lines.filter((l) => l.link);
      const others = result.lines.filter((l) => !l.link);
      const table = await writeTable({
        format,
        sheetName: 'Приглашения',
        columns: COLUMNS,
        rows: rowsOf(invited, result.expiresAt),
        ...(format === 'xlsx' && others.length
          ? {
              extraSheets: [
                {
                  sheetName: 'Не приглашены',
                  columns: COLUMNS.filter((c) => !['email', 'link', 'expires'].includes(c.key)),
                  rows: rowsOf(others, result.expiresAt),
                },
              ],
            }
          : {}),
      });
      reply.status(201);
      return sendDownload(reply, {
        fileName: `приглашения-${today()}.${table.extension}`,
        contentType: table.contentType,
        data: table.data,
      });
    },
  );
}
