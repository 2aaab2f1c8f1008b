import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { formatSnils, maskSnils } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { exportTitle } from '../../platform/files/export-title.ts';
import { type NumberFormat, type TableColumn, writeTable } from '../../platform/files/write-table.ts';
import { today } from '../../platform/time/today.ts';
import { loadDerivedRules } from '../derived/derived-rules.repository.ts';
import { categoryExpiry } from '../derived/derived-rules.ts';
import { can } from '../directory.policy.ts';
import {
  CATEGORIES,
  EDUCATION_LEVELS,
  EMPLOYMENT_KINDS,
  ORG_KINDS,
  STAFF_CATEGORIES,
} from '../vocabulary.ts';
import type { StaffFilters } from './staff.filters.ts';
import { listStaffForExport, type StaffRowDb } from './staff.repository.ts';

export const EXPORT_ROW_CAP = 200_000;

/** 'YYYY-MM-DD' → 'ДД.ММ.ГГГГ', the form the importer and Russian Excel read. */
export const ruDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '');

const yesNo = (b: boolean) => (b ? 'да' : 'нет');

/**
 * The import template's columns first, in its order and with its words, so an exported file
 * imports back unchanged; derived columns follow and the importer ignores them.
 */
const COLUMNS: {
  key: string;
  header: string;
  width?: number;
  /** Dates are real date cells (ISO in, dd.mm.yyyy shown); numbers real numbers. */
  type?: 'date' | 'number';
  format?: NumberFormat;
  value: (r: StaffRowDb, ctx: Ctx) => unknown;
}[] = [
  { key: 'lastName', header: 'Фамилия', width: 16, value: (r) => r.last_name },
  { key: 'firstName', header: 'Имя', width: 14, value: (r) => r.first_name },
  { key: 'patronymic', header: 'Отчество', width: 16, value: (r) => r.patronymic },
  { key: 'birthDate', header: 'Дата рождения', width: 13, type: 'date', value: (r) => r.birth_date },
  { key: 'sex', header: 'Пол', width: 5, value: (r) => (r.sex === 'm' ? 'м' : 'ж') },
  {
    key: 'snils',
    header: 'СНИЛС',
    width: 15,
    value: (r, c) => (c.fullSnils ? formatSnils(r.snils) : maskSnils(r.snils)) ?? '',
  },
  { key: 'organization', header: 'Организация', width: 12, value: (r) => r.organization_code },
  { key: 'position', header: 'Должность', width: 22, value: (r) => r.position },
  {
    key: 'staffCategory',
    header: 'Категория должности',
    width: 14,
    value: (r) => STAFF_CATEGORIES[r.staff_category],
  },
  {
    key: 'employmentKind',
    header: 'Вид занятости',
    width: 16,
    value: (r) => EMPLOYMENT_KINDS[r.employment_kind],
  },
  { key: 'subjects', header: 'Предметы', width: 24, value: (r) => r.subjects.join('; ') },
  { key: 'load', header: 'Нагрузка', width: 9, type: 'number', value: (r) => r.load_hours },
  { key: 'rate', header: 'Ставка', width: 7, type: 'number', value: (r) => r.rate },
  { key: 'startDate', header: 'Дата начала работы', width: 13, type: 'date', value: (r) => r.start_date },
  {
    key: 'experience',
    header: 'Педагогический стаж',
    width: 10,
    format: 'decimal1',
    value: (r) => r.experience ?? '',
  },
  {
    key: 'education',
    header: 'Образование',
    width: 22,
    value: (r) => (r.education ? EDUCATION_LEVELS[r.education as keyof typeof EDUCATION_LEVELS] : ''),
  },
  { key: 'outsideProfile', header: 'Не по профилю', width: 8, value: (r) => yesNo(r.outside_profile) },
  { key: 'category', header: 'Квалификационная категория', width: 14, value: (r) => CATEGORIES[r.category] },
  {
    key: 'categoryDate',
    header: 'Дата присвоения категории',
    width: 13,
    type: 'date',
    value: (r) => r.category_date,
  },
  { key: 'email', header: 'Email', width: 22, value: (r) => r.email ?? '' },
  // derived, for reading; the importer ignores them
  { key: 'orgName', header: 'Наименование организации', width: 26, value: (r) => r.organization_name },
  {
    key: 'orgKind',
    header: 'Тип организации',
    width: 8,
    value: (r) => ORG_KINDS[r.org_kind as keyof typeof ORG_KINDS]?.short ?? '',
  },
  { key: 'age', header: 'Возраст', width: 8, format: 'integer', value: (r) => r.age },
  { key: 'young', header: 'Молодой специалист', width: 10, value: (r) => yesNo(r.young) },
  { key: 'pensionAge', header: 'Пенсионный возраст', width: 10, value: (r) => yesNo(r.pension_age) },
  { key: 'personLoad', header: 'Нагрузка всего', width: 9, type: 'number', value: (r) => r.person_load },
  {
    key: 'loadOver',
    header: 'Нагрузка выше порога',
    width: 10,
    value: (r, c) => yesNo(r.person_load > c.loadThreshold),
  },
  {
    key: 'categoryExpires',
    header: 'Категория действует до',
    width: 13,
    type: 'date',
    value: (r) => categoryExpiry(r.category_date),
  },
];

interface Ctx {
  fullSnils: boolean;
  loadThreshold: number;
}

export async function exportStaff(
  deps: { db: Db },
  input: { actor: Actor | null; format: 'xlsx' | 'csv' | 'json'; filters: StaffFilters },
): Promise<{ fileName: string; contentType: string; data: Uint8Array; rows: number }> {
  const actor = input.actor ?? SYSTEM_ACTOR;
  const rules = await loadDerivedRules(deps.db);
  const asOf = input.filters.asOf ?? today();
  const rows = await listStaffForExport(deps.db, actor, rules, { ...input.filters, asOf }, EXPORT_ROW_CAP);
  const ctx: Ctx = { fullSnils: can(actor, 'view', 'full-snils'), loadThreshold: rules.loadThresholdHours };
  const table = await writeTable({
    format: input.format,
    sheetName: 'Педагогические кадры',
    columns: COLUMNS.map(
      ({ key, header, width, type, format }): TableColumn => ({
        key,
        header,
        ...(width ? { width } : {}),
        ...(type ? { type } : {}),
        ...(format ? { format } : {}),
      }),
    ),
    titleBlock: await exportTitle(deps.db, actor, {
      title: 'Педагогические кадры',
      asOf,
      filter: input.filters,
    }),
    rows: rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c.key, c.value(r, ctx)]))),
  });
  await writeAudit(deps.db, {
    actor: input.actor ? actor : null,
    action: 'export',
    entity: 'staff_list',
    details: { format: input.format, filters: input.filters, rows: rows.length },
  });
  return {
    fileName: `kadry-${asOf}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
    rows: rows.length,
  };
}
