import { sql } from 'drizzle-orm';
import { normWord } from '../platform/import/cells.ts';
import type { ColumnSpec, ImportIssue, RowOutcome } from '../platform/import/import.types.ts';
import type { Importer, Prepared } from '../platform/import/importer.ts';
import { type AttendanceChange, applyAttendance, lockRegistration } from './events.attendance.ts';
import type { EventDb } from './events.repository.ts';
import { REGISTRATION_STATUSES, type RegistrationStatus } from './events.vocabulary.ts';

/**
 * Attendance from a webinar platform's report of participants («Имя», «Email», «Время
 * подключения», «Длительность»). A row matches a registration for the event by the e-mail
 * (people.email), else by the full name in any word order. A row that matches nobody, or a
 * registration that is not confirmed, is an error naming the row, and the import writes nothing
 * unless every row is good (mode=all). A second row of the same person (a reconnection) is a warning.
 */
export const ATTENDANCE_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'name',
    header: 'Имя',
    aliases: ['фио', 'участник', 'имя участника', 'name', 'полное имя', 'имя пользователя'],
    required: false,
    example: 'Иванова Ирина Петровна',
    help: 'Фамилия, имя и отчество (в любом порядке), как в регистрации',
  },
  {
    key: 'email',
    header: 'Email',
    aliases: ['e-mail', 'почта', 'электронная почта', 'адрес электронной почты', 'эл. почта'],
    required: false,
    example: 'ivanova@school1.ru',
    help: 'Адрес, указанный в карточке сотрудника; по нему участник находится в первую очередь',
  },
  {
    key: 'joinedAt',
    header: 'Время подключения',
    aliases: ['подключение', 'время входа', 'вход'],
    required: false,
    example: '10.01.2027 10:02',
    help: 'Для сведения, не проверяется',
  },
  {
    key: 'duration',
    header: 'Длительность',
    aliases: ['продолжительность', 'время участия', 'длительность участия'],
    required: false,
    example: '01:25:00',
    help: 'Для сведения, не проверяется',
  },
];

export const ATTENDANCE_TEMPLATE = {
  sheet: 'Участники',
  file: 'prisutstvie',
  notes: [
    'Отчёт вебинарной площадки об участниках: имя, e-mail, время подключения, длительность.',
    'Участник ищется среди зарегистрированных на мероприятие: по e-mail, затем по ФИО.',
  ],
};

interface Candidate {
  id: string;
  person_id: string;
  status: RegistrationStatus;
  attended: boolean | null;
  email: string | null;
  full_name: string;
  short_name: string;
}

/** A name as a bag of words, so «Ирина Иванова» matches «Иванова Ирина Петровна» by its first two. */
const nameKey = (s: string) => normWord(s).split(' ').filter(Boolean).sort().join(' ');

/**
 * `changes` collects the attendance the commit changed; the caller announces it once the import's
 * transaction has committed (announceAttendance).
 */
export function attendanceImporter(
  event: Pick<EventDb, 'id' | 'title'>,
  today: string,
  changes: AttendanceChange[] = [],
): Importer<'event_attendance'> {
  return {
    kind: 'event_attendance',
    columns: ATTENDANCE_COLUMNS,
    roles: ['admin', 'municipal_methodist', 'org_head'],
    forbidden: 'Присутствие отмечает организатор мероприятия.',
    template: ATTENDANCE_TEMPLATE,
    conflict: 'Регистрации изменили во время загрузки. Повторите загрузку.',
    auditDetails: { eventId: event.id },
    async prepare(tx, ctx, readers): Promise<Prepared> {
      const lock = ctx.lock ? sql`FOR UPDATE OF r` : sql``;
      const regs = await tx.query<Candidate>(sql`
        SELECT r.id, r.person_id, r.status, r.attended, lower(trim(p.email)) AS email,
               trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic) AS full_name,
               trim(p.last_name || ' ' || p.first_name) AS short_name
        FROM event_registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = ${event.id} AND r.status IN ('pending', 'confirmed', 'waitlisted') ${lock}`);
      const byEmail = new Map<string, Candidate>();
      const byName = new Map<string, Candidate[]>();
      for (const c of regs) {
        if (c.email) byEmail.set(c.email, c);
        for (const k of new Set([nameKey(c.full_name), nameKey(c.short_name)])) {
          byName.set(k, [...(byName.get(k) ?? []), c]);
        }
      }
      const warnings: ImportIssue[] = [];
      const outcomes = new Map<number, RowOutcome>();
      const chosen = new Map<string, number>();
      const marks: Candidate[] = [];
      for (const r of readers) {
        const name = r.text('name', { max: 300 }) ?? null;
        const email = r.text('email', { max: 300 })?.toLowerCase() ?? null;
        if (!r.ok) continue;
        if (!name && !email) {
          r.fail(r.has('name') ? 'name' : 'email', 'Не указаны ни имя, ни e-mail участника');
          continue;
        }
        let c = email ? byEmail.get(email) : undefined;
        if (!c && name) {
          const list = byName.get(nameKey(name)) ?? [];
          if (list.length > 1) {
            r.fail(
              'name',
              `Среди зарегистрированных несколько человек с именем «${name}»: укажите e-mail`,
              name,
            );
            continue;
          }
          c = list[0];
        }
        if (!c) {
          const who = [name && `«${name}»`, email].filter(Boolean).join(', ');
          r.fail(
            email && !name ? 'email' : 'name',
            `Участник ${who} не найден среди зарегистрированных на мероприятие`,
            name ?? email,
          );
          continue;
        }
        if (c.status !== 'confirmed') {
          r.fail(
            'name',
            `Регистрация участника «${c.full_name}» не подтверждена (${REGISTRATION_STATUSES[c.status]})`,
            name ?? email,
          );
          continue;
        }
        const first = chosen.get(c.id);
        if (first !== undefined) {
          warnings.push({
            row: r.rowNumber,
            column: null,
            value: name ?? email,
            message: `${c.full_name}: повторное подключение, участник уже отмечен в строке ${first}`,
          });
          continue;
        }
        chosen.set(c.id, r.rowNumber);
        outcomes.set(r.rowNumber, c.attended === true ? 'unchanged' : 'updated');
        marks.push(c);
      }
      if (readers.length > 0 && readers.every((r) => r.ok) && marks.length === 0)
        readers[0]!.fail(null, 'В файле нет участников');
      return {
        errors: readers.flatMap((r) => r.issues),
        warnings,
        outcomes,
        async commit(db) {
          const who = ctx.actor ?? ctx.scope;
          const audit = [];
          changes.length = 0;
          for (const c of marks) {
            const locked = await lockRegistration(db, c.id);
            if (!locked) continue;
            const entries = await applyAttendance(db, who, locked, true, 'import', today);
            if (entries.length) changes.push({ registrationId: c.id, personId: c.person_id, attended: true });
            audit.push(...entries);
          }
          return audit;
        },
      };
    },
  };
}
