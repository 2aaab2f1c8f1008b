import { sql } from 'drizzle-orm';
import { REGISTRY_MANAGERS } from '../directory/directory.policy.ts';
import type { RowOutcome } from '../platform/import/import.types.ts';
import { findRepeats, type Importer, type Prepared } from '../platform/import/importer.ts';
import { loadPeople, matchPerson } from '../platform/import/person-identity.ts';
import type { RowReader } from '../platform/import/row-reader.ts';
import { CATALOG_IMPORT, type CatalogImportKind } from './catalog.import.ts';
import { programsByCodeOrName } from './trainings.repository.ts';
import { readTrainingRow, TRAINING_COLUMNS, type TrainingRow } from './trainings.rows.ts';

interface TrainingInsert {
  person_id: string;
  program_id: string | null;
  program_name: string;
  provider: string | null;
  document: string;
  document_number: string;
  issued_on: string;
  hours: number;
}

export const trainingsImporter: Importer<CatalogImportKind> = {
  ...CATALOG_IMPORT,
  kind: 'trainings',
  columns: TRAINING_COLUMNS,
  roles: REGISTRY_MANAGERS,
  template: { sheet: 'Обучение', file: 'trainings' },
  async prepare(tx, ctx, readers): Promise<Prepared> {
    const { scope: actor, today } = ctx;
    const parsed: { r: RowReader; row: TrainingRow }[] = [];
    for (const r of readers) {
      const row = readTrainingRow(r, today);
      if (row) parsed.push({ r, row });
    }
    const people = await loadPeople(
      tx,
      actor,
      parsed.map((p) => p.row.person),
    );
    const programs = await programsByCodeOrName(tx, [...new Set(parsed.map((p) => p.row.program))]);

    const matched: { r: RowReader; row: TrainingRow; personId: string }[] = [];
    for (const { r, row } of parsed) {
      const personId = matchPerson(r, row.person, people, { one: 'Сотрудник', many: 'сотрудников' });
      if (personId) matched.push({ r, row, personId });
    }
    for (const { item, first } of findRepeats(
      matched.map((m) => ({ ...m, rowNumber: m.row.rowNumber })),
      (m) => `${m.personId}|${m.row.documentNumber}`,
    )) {
      item.r.fail(
        'number',
        `Документ с этим номером у этого сотрудника уже есть в строке ${first.rowNumber}`,
      );
    }
    const valid = matched.filter((m) => m.r.ok);

    const existing = valid.length
      ? await tx.query<{ person_id: string; document_number: string }>(sql`
          SELECT person_id, document_number FROM trainings
          WHERE person_id = ANY(${sql.param(valid.map((m) => m.personId))}::uuid[])
            AND document_number = ANY(${sql.param(valid.map((m) => m.row.documentNumber))}::text[])`)
      : [];
    const known = new Set(existing.map((e) => `${e.person_id}|${e.document_number}`));
    const outcomes = new Map<number, RowOutcome>();
    const toInsert: TrainingInsert[] = [];
    for (const m of valid) {
      const isKnown = known.has(`${m.personId}|${m.row.documentNumber}`);
      outcomes.set(m.row.rowNumber, isKnown ? 'unchanged' : 'created');
      if (isKnown) continue;
      const program = programs.get(m.row.program);
      toInsert.push({
        person_id: m.personId,
        program_id: program?.id ?? null,
        program_name: program?.name ?? m.row.program,
        provider: m.row.provider ?? program?.provider ?? null,
        document: m.row.document,
        document_number: m.row.documentNumber,
        issued_on: m.row.issuedOn,
        hours: m.row.hours,
      });
    }
    return {
      errors: readers.flatMap((r) => r.issues),
      warnings: [],
      outcomes,
      async commit(db) {
        if (toInsert.length === 0) return [];
        const created = await db.query<{ id: string; person_id: string; document_number: string }>(sql`
          INSERT INTO trainings (person_id, program_id, program_name, provider, document, document_number, issued_on, hours)
          SELECT x.person_id, x.program_id, x.program_name, x.provider, x.document::training_document,
                 x.document_number, x.issued_on, x.hours
          FROM jsonb_to_recordset(${JSON.stringify(toInsert)}::jsonb) AS x(
            person_id uuid, program_id uuid, program_name text, provider text, document text,
            document_number text, issued_on date, hours int)
          ON CONFLICT (person_id, document_number) DO NOTHING
          RETURNING id, person_id, document_number`);
        const byKey = new Map(toInsert.map((t) => [`${t.person_id}|${t.document_number}`, t]));
        return created.map((c) => ({
          action: 'create',
          entity: 'training',
          entityId: c.id,
          personId: c.person_id,
          after: byKey.get(`${c.person_id}|${c.document_number}`),
        }));
      },
    };
  },
};
