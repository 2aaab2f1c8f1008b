import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEACHER_FRAMEWORK } from '../assessment/frameworks/presets.ts';
import { resultColumns } from '../assessment/results/results.rows.ts';
import { writeTable } from '../platform/files/write-table.ts';
import type { PersonRow } from './dataset.ts';
import { chooseDemoCast } from './demo-cast.ts';
import { makeSnils } from './identifiers.ts';
import { createRng, hashSeed } from './prng.ts';
import { zimaDataset } from './zima.dataset.ts';

/**
 * The sample file of docs/samples: a regional centre's results for teachers of the demo town, in
 * the results import template of `teacher-544n`. 22 rows name the teacher by СНИЛС, 3 by full name
 * and birth date only, and 2 name nobody in the registry, so that the import report shows them.
 * Made from the demo dataset, so it always matches a fresh demo database (a test checks the
 * committed files are what this script writes). Regenerate with:
 *
 *   npx tsx src/demo/samples.ts
 */

export const SAMPLE_PROCEDURE = 'Региональная диагностика ЦНППМ Иркутской области';
export const SAMPLE_DATE = '2026-10-20';
/** What a regional subject diagnosis measures: the subject and methodical competencies. */
export const SAMPLE_CODES = ['T-SUBJ-01', 'T-SUBJ-02', 'T-SUBJ-03', 'T-METH-01', 'T-METH-02', 'T-METH-03'];
export const SAMPLE_BY_SNILS = 22;
export const SAMPLE_BY_NAME = 3;

export interface SampleRow {
  snils: string | null;
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string | null;
  organization: string;
  /** The demo person the row names; null for the two rows that match nobody. */
  personId: string | null;
  percents: Record<string, number>;
}

const formatSnils = (s: string) => `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 9)} ${s.slice(9)}`;

export function sampleRows(): SampleRow[] {
  const ds = zimaDataset();
  const cast = chooseDemoCast(ds);
  const rng = createRng(hashSeed('sample-regional-results'));
  const person = new Map(ds.people.map((p) => [p.id, p]));
  const org = new Map(ds.organizations.map((o) => [o.id, o]));
  // The demo logins' people stay out: their own story in the demo is the September campaign.
  const castIds = new Set([
    cast.teacher.id,
    cast.curator.id,
    cast.expert.id,
    cast.school1Head.id,
    cast.lyceumHead.id,
  ]);
  const teachers = ds.employments
    .filter(
      (e) =>
        e.kind === 'main' &&
        e.position.startsWith('Учитель ') &&
        org.get(e.organizationId)!.kind === 'school' &&
        !castIds.has(e.personId),
    )
    .map((e) => ({ p: person.get(e.personId)!, orgName: org.get(e.organizationId)!.fullName }))
    .sort((a, b) => a.p.id.localeCompare(b.p.id));
  const chosen = rng.shuffle(teachers).slice(0, SAMPLE_BY_SNILS + SAMPLE_BY_NAME);
  const percents = () =>
    Object.fromEntries(
      SAMPLE_CODES.map((code) => [
        code,
        Math.round(Math.min(100, Math.max(12, rng.normal(72, 15))) * 10) / 10,
      ]),
    );
  const row = (p: PersonRow, orgName: string, bySnils: boolean): SampleRow => ({
    snils: bySnils ? formatSnils(p.snils) : null,
    lastName: p.lastName,
    firstName: p.firstName,
    patronymic: p.patronymic,
    birthDate: bySnils ? null : p.birthDate,
    organization: orgName,
    personId: p.id,
    percents: percents(),
  });
  const rows = chosen.map((t, i) => row(t.p, t.orgName, i < SAMPLE_BY_SNILS));
  const known = new Set(ds.people.map((p) => p.snils));
  let body = 777_000_001;
  while (known.has(makeSnils(body))) body++;
  rows.push(
    {
      snils: formatSnils(makeSnils(body)),
      lastName: 'Семёнова',
      firstName: 'Алина',
      patronymic: 'Викторовна',
      birthDate: null,
      organization: teachers[0]!.orgName,
      personId: null,
      percents: percents(),
    },
    {
      snils: null,
      lastName: 'Кудрявцев',
      firstName: 'Олег',
      patronymic: 'Игоревич',
      birthDate: '1979-04-02',
      organization: teachers[0]!.orgName,
      personId: null,
      percents: percents(),
    },
  );
  return rows;
}

/** The sample as a spreadsheet in the results import template. */
export async function sampleFile(format: 'xlsx' | 'csv'): Promise<Uint8Array> {
  const competencies = TEACHER_FRAMEWORK.groups
    .flatMap((g) => g.competencies)
    .filter((c) => SAMPLE_CODES.includes(c.code));
  const columns = resultColumns(competencies).map((c) => ({ key: c.key, header: c.header, type: c.type }));
  const rows = sampleRows().map((r) => ({
    snils: r.snils,
    lastName: r.lastName,
    firstName: r.firstName,
    patronymic: r.patronymic,
    birthDate: r.birthDate,
    organization: r.organization,
    procedure: SAMPLE_PROCEDURE,
    date: SAMPLE_DATE,
    ...Object.fromEntries(Object.entries(r.percents).map(([code, v]) => [`competency:${code}`, v])),
  }));
  const file = await writeTable({ format, sheetName: 'Результаты', columns, rows });
  return file.data;
}

export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/samples');
export const SAMPLE_NAME = 'regional-results-zima';

export async function writeSamples(dir = SAMPLES_DIR): Promise<string[]> {
  const written: string[] = [];
  for (const format of ['xlsx', 'csv'] as const) {
    const file = path.join(dir, `${SAMPLE_NAME}.${format}`);
    await writeFile(file, await sampleFile(format));
    written.push(file);
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of await writeSamples()) console.info(`записан ${file}`);
}
