import { writeAudit, writeAuditMany } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { createRng, hashSeed } from './prng.ts';

/**
 * Monitoring in the demo (issue 4, «Done when»): the town's data-collection form whose fields feed
 * the manual measures of presets 003 and 001, assigned to the schools and kindergartens for the
 * 2025/26 school year and mostly answered. The 003 preset itself is NOT loaded: loading it is the
 * methodist's one action the demo shows. Rows are written set-wise as forms.service.ts would leave
 * them (statuses, who saved / submitted / reviewed, versions: submit +1, review +1).
 */

export const MONITORING_FORM_NAME = 'Сведения для мониторинга системы профессионального развития';
export const MONITORING_PERIOD = { start: '2025-09-01', end: '2026-08-31' } as const;
export const MONITORING_RETURN_COMMENT =
  'Участников августовской конференции указано больше, чем работников в школе. Уточните, пожалуйста, и отправьте снова.';
/** The organization that answers the town-wide shares of 003 (a school's own percent would not add up). */
export const TOWN_SHARES_ORG = 'МБОУ «Зиминский лицей»';

interface DemoField {
  code: string;
  label: string;
  type: 'integer' | 'percent';
  required: boolean;
  min: number;
  max: number;
  hint: string;
  measureCode: string;
}

const countField = (code: string, measureCode: string, label: string, hint: string, required = true) =>
  ({ code, label, type: 'integer', required, min: 0, max: 1000, hint, measureCode }) satisfies DemoField;

const TOWN_HINT = `Только ${TOWN_SHARES_ORG}, за город в целом`;
const shareField = (code: string, measureCode: string, label: string) =>
  ({
    code,
    label,
    type: 'percent',
    required: false,
    min: 0,
    max: 100,
    hint: TOWN_HINT,
    measureCode,
  }) satisfies DemoField;

/** Per-organization counts (001: they add up across organizations), then the town-wide shares of 003. */
export const MONITORING_FORM_FIELDS: readonly DemoField[] = [
  countField(
    'regional_events',
    'regional_events_participants',
    'Участники региональных мероприятий научно-методического сопровождения, чел.',
    'Педагогические и руководящие работники организации, участвовавшие за учебный год',
  ),
  countField(
    'fr_academy',
    'fr_trained_academy',
    'Прошли ПК по программам федерального реестра в Академии Минпросвещения России, чел.',
    'За учебный год; для детского сада — 0',
  ),
  countField(
    'fr_iro',
    'fr_trained_iro',
    'Прошли ПК по программам федерального реестра в ГАУ ДПО ИРО (в т.ч. ЦНППМ), чел.',
    'За учебный год',
  ),
  countField(
    'contests',
    'regional_contests_participants',
    'Участники региональных конкурсов профессионального мастерства, чел.',
    'За учебный год',
  ),
  countField(
    'august_conference',
    'august_conference_informed',
    'Участники пленарного заседания августовской педагогической конференции, чел.',
    'Включая ознакомленных с материалами; не больше численности работников',
  ),
  {
    ...countField(
      'management_team',
      'management_team_trained_org',
      'Управленческая команда прошла ПК по программе для управленческих команд (1 — да, 0 — нет)',
      '1, если руководитель или заместитель прошли такую программу за учебный год',
    ),
    max: 1,
  },
  countField(
    'functional_literacy',
    'teachers_functional_literacy_seminars',
    'Учителя — участники семинаров по функциональной грамотности, чел.',
    'Только для школ',
    false,
  ),
  countField(
    'content_update_seminars',
    'teachers_content_update_seminars',
    'Учителя — участники семинаров по обновлению содержания образования, чел.',
    'Концепции преподавания, обновлённые ФГОС; только для школ',
    false,
  ),
  countField(
    'preschool_seminars',
    'preschool_seminar_participants',
    'Педагоги ДОО — участники семинаров сетевого взаимодействия, чел.',
    'Только для детских садов',
    false,
  ),
  shareField(
    'zemsky_closed',
    'zemsky_vacancies_closed_share',
    'Доля закрытых вакансий по программе «Земский учитель», %',
  ),
  shareField(
    'schools_rates_over_2',
    'schools_rates_over_2_share',
    'Доля школ, где на одного педагога приходится более 2 ставок, %',
  ),
  shareField(
    'retrained_pedagogical',
    'retrained_pedagogical_direction_share',
    'Доля прошедших переподготовку по программам педагогической направленности, %',
  ),
  shareField(
    'methodical_active',
    'municipalities_in_methodical_active_share',
    'Работники города вошли в региональный методический актив (100 — да, 0 — нет), %',
  ),
  shareField(
    'young_in_contests',
    'municipalities_young_in_contests_share',
    'Педагоги города до 35 лет участвовали в региональных этапах федеральных конкурсов (100 — да, 0 — нет), %',
  ),
  shareField(
    'orgs_using_platform',
    'orgs_using_platform_share',
    'Доля организаций, использующих региональную цифровую платформу, %',
  ),
  shareField(
    'qualification_exam_passed',
    'independent_qualification_exam_passed_share',
    'Доля успешно сдавших профессиональный экзамен (независимая оценка квалификаций), %',
  ),
];

/** The town-wide shares the resource school reports for 2025/26. */
const TOWN_SHARES: Record<string, number> = {
  zemsky_closed: 50,
  schools_rates_over_2: 0,
  retrained_pedagogical: 62.5,
  methodical_active: 100,
  young_in_contests: 100,
  orgs_using_platform: 100,
  qualification_exam_passed: 75,
};

type Status = 'pending' | 'submitted' | 'accepted' | 'returned';

interface OrgRow {
  id: string;
  short_name: string;
  kind: 'school' | 'preschool';
  staff: number;
}

export interface DemoMonitoring {
  formId: string;
  assignmentId: string;
  submissions: Record<Status, number>;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const daysBefore = (now: Date, n: number) => new Date(now.getTime() - n * 86_400_000);
/** A working-hours moment (09:00–17:00 in Irkutsk, UTC+8) of the day `n` days before `now`. */
const workTime = (now: Date, n: number, i: number) => {
  const d = daysBefore(now, n);
  d.setUTCHours(1 + ((i * 5) % 8), (i * 17) % 60, 0, 0);
  return d.toISOString();
};

export async function loadDemoMonitoring(
  tx: Db,
  input: {
    methodist: Actor;
    /** Heads with an account, by organization: they saved and submitted their own answers. */
    headUserByOrg: ReadonlyMap<string, string>;
    now: Date;
  },
): Promise<DemoMonitoring> {
  const { methodist, now } = input;
  const rng = createRng(hashSeed('zima-monitoring-form'));
  const orgs = await tx.query<OrgRow>(sql`
    SELECT o.id, o.short_name, o.kind::text AS kind,
           (SELECT count(DISTINCT e.person_id)::int FROM employments e WHERE e.organization_id = o.id) AS staff
    FROM organizations o
    WHERE o.municipality_id = ${methodist.municipalityId} AND o.kind IN ('school', 'preschool')
    ORDER BY o.kind, o.short_name`);

  // Who is where: the lyceum accepted (it carries the town's shares), СОШ № 1 returned so its head
  // has something to fix, a school and a kindergarten submitted, two kindergartens silent.
  const status = new Map<string, Status>(orgs.map((o) => [o.id, 'accepted' as Status]));
  const schools = orgs.filter((o) => o.kind === 'school');
  const preschools = orgs.filter((o) => o.kind === 'preschool');
  const sosh1 = schools.find((o) => o.short_name === 'МБОУ «СОШ № 1»');
  if (sosh1) status.set(sosh1.id, 'returned');
  const others = schools.filter((o) => o !== sosh1 && o.short_name !== TOWN_SHARES_ORG);
  const submittedSchool = others[others.length - 1];
  if (submittedSchool) status.set(submittedSchool.id, 'submitted');
  const [, submittedKg, , ...restKg] = preschools;
  if (submittedKg) status.set(submittedKg.id, 'submitted');
  const pending = restKg.slice(-2);
  for (const o of pending) status.set(o.id, 'pending');
  const reminded = pending[0]?.id;

  const valuesOf = (o: OrgRow): Record<string, number> => {
    const n = Math.max(o.staff, 1);
    const part = (p: number) => Math.min(n, Math.max(0, Math.round(n * rng.float(p * 0.6, p * 1.4))));
    const v: Record<string, number> = {
      regional_events: part(0.25),
      fr_academy: o.kind === 'school' ? part(0.04) : 0,
      fr_iro: part(0.15),
      contests: part(0.05),
      // СОШ № 1 counted the whole staff of the town's conference: the methodist returned it.
      august_conference: o === sosh1 ? n + 14 : part(0.9),
      management_team: rng.chance(0.6) ? 1 : 0,
    };
    if (o.kind === 'school') {
      v.functional_literacy = part(0.3);
      v.content_update_seminars = part(0.2);
    } else v.preschool_seminars = part(0.4);
    if (o.short_name === TOWN_SHARES_ORG) Object.assign(v, TOWN_SHARES);
    return v;
  };

  const fields = JSON.stringify(MONITORING_FORM_FIELDS);
  const created = daysBefore(now, 75);
  const [form] = await tx.query<{ id: string }>(sql`
    INSERT INTO collection_forms (name, description, owner_level, region_id, municipality_id, fields, created_by, created_at, updated_at)
    VALUES (${MONITORING_FORM_NAME},
            ${`Ежегодный сбор сведений, которые платформа не выводит сама: участие в мероприятиях, курсы по федеральному реестру, управленческие команды. Доли в процентах (показатели 003) — за город в целом: их заполняет только ${TOWN_SHARES_ORG} как муниципальная ресурсная площадка, остальные организации оставляют эти поля пустыми.`},
            'municipality', ${methodist.regionId}, ${methodist.municipalityId}, ${fields}::jsonb, ${methodist.userId},
            ${created.toISOString()}, ${created.toISOString()})
    RETURNING id`);
  const dueOn = day(daysBefore(now, 21));
  const [assignment] = await tx.query<{ id: string }>(sql`
    INSERT INTO form_assignments (form_id, title, period_start, period_end, due_on, fields, created_by, created_at)
    VALUES (${form!.id}, ${'Сведения за 2025/2026 учебный год'}, ${MONITORING_PERIOD.start}, ${MONITORING_PERIOD.end},
            ${dueOn}, ${fields}::jsonb, ${methodist.userId}, ${daysBefore(now, 60).toISOString()})
    RETURNING id`);

  const rows = orgs.map((o, i) => {
    const st = status.get(o.id)!;
    const head = input.headUserByOrg.get(o.id) ?? null;
    // Answers came in over the three weeks before the deadline; reviews a few days later.
    const submittedAt = workTime(now, 42 - ((i * 7) % 20), i);
    const reviewedAt = workTime(now, 18 - ((i * 3) % 10), i + 3);
    const answered = st !== 'pending';
    return {
      organization_id: o.id,
      status: st,
      values: answered ? valuesOf(o) : {},
      saved_by: answered ? head : null,
      saved_at: answered ? submittedAt : null,
      submitted_by: answered ? head : null,
      submitted_at: answered ? submittedAt : null,
      reviewed_by: st === 'accepted' || st === 'returned' ? methodist.userId : null,
      reviewed_at: st === 'accepted' || st === 'returned' ? reviewedAt : null,
      review_comment: st === 'returned' ? MONITORING_RETURN_COMMENT : null,
      reminded_at: o.id === reminded ? workTime(now, 7, 2) : null,
      version: st === 'pending' ? 0 : st === 'submitted' ? 1 : 2,
    };
  });
  const inserted = await tx.query<{ id: string; organization_id: string; status: Status }>(sql`
    INSERT INTO form_submissions (assignment_id, organization_id, status, values, saved_by, saved_at, submitted_by,
                                  submitted_at, reviewed_by, reviewed_at, review_comment, reminded_at, version)
    SELECT ${assignment!.id}, x.organization_id, x.status::submission_status, x.values, x.saved_by, x.saved_at,
           x.submitted_by, x.submitted_at, x.reviewed_by, x.reviewed_at, x.review_comment, x.reminded_at, x.version
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      organization_id uuid, status text, values jsonb, saved_by uuid, saved_at timestamptz, submitted_by uuid,
      submitted_at timestamptz, reviewed_by uuid, reviewed_at timestamptz, review_comment text,
      reminded_at timestamptz, version int)
    RETURNING id, organization_id, status::text AS status`);

  await writeAudit(tx, {
    actor: methodist,
    action: 'create',
    entity: 'collection_forms',
    entityId: form!.id,
    after: { name: MONITORING_FORM_NAME, fields: MONITORING_FORM_FIELDS, demo: true },
  });
  await writeAudit(tx, {
    actor: methodist,
    action: 'assign',
    entity: 'form_assignments',
    entityId: assignment!.id,
    after: {
      formId: form!.id,
      periodStart: MONITORING_PERIOD.start,
      periodEnd: MONITORING_PERIOD.end,
      dueOn,
      organizationIds: orgs.map((o) => o.id),
      demo: true,
    },
  });
  await writeAuditMany(
    tx,
    inserted
      .filter((s) => s.status === 'accepted' || s.status === 'returned')
      .map((s) => ({
        actor: methodist,
        action: s.status === 'accepted' ? 'accept' : 'return',
        entity: 'form_submissions',
        entityId: s.id,
        details: { comment: s.status === 'returned' ? MONITORING_RETURN_COMMENT : null, demo: true },
      })),
  );

  const submissions: Record<Status, number> = { pending: 0, submitted: 0, accepted: 0, returned: 0 };
  for (const s of inserted) submissions[s.status] += 1;
  return { formId: form!.id, assignmentId: assignment!.id, submissions };
}
