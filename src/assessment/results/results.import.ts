import { sql } from 'drizzle-orm';
import { columnLetter, normName, normWord } from '../../directory/import/cells.ts';
import { mapHeaders, normalizeHeader } from '../../directory/import/headers.ts';
import { findRepeats } from '../../directory/import/import.pipeline.ts';
import type { ImportIssue, ImportMode } from '../../directory/import/import.types.ts';
import { loadPeople, matchPerson } from '../../directory/import/person-identity.ts';
import { RowReader, specMap } from '../../directory/import/row-reader.ts';
import type { AuditEntry } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope, requireRole } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { readTable } from '../../platform/files/read-table.ts';
import { byRow, noDataRows, writeImportAudit } from '../../platform/import/import-run.ts';
import { importTemplate } from '../../platform/import/import-template.ts';
import * as clock from '../../platform/time/today.ts';
import { findFramework } from '../frameworks/frameworks.repository.ts';
import { ASSESSMENT_EDITORS } from '../owner-scope.ts';
import { type ResultRow, readResultRow, resultColumns } from './results.rows.ts';

export interface ResultsImportReport {
  kind: 'assessment-results';
  fileName: string;
  totalRows: number;
  validRows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Rows that added at least one result. */
  created: number;
  updated: number;
  /** Rows whose every result was already loaded (same person, competency, date and procedure). */
  unchanged: number;
  /** Competency results written (or, in a dry run, that would be). */
  results: number;
  committed: boolean;
  dryRun: boolean;
}

interface FrameworkCompetency {
  id: string;
  code: string;
  name: string;
}

/** The framework (within the caller's read scope) and its competencies in order. */
export async function frameworkForResults(db: Db, actor: Actor, frameworkId: string) {
  const framework = await findFramework(db, actor, frameworkId);
  if (!framework) throw notFound('Карта компетенций не найдена или недоступна.');
  const competencies = await db.query<FrameworkCompetency>(sql`
    SELECT c.id, c.code, c.name FROM competencies c JOIN competency_groups g ON g.id = c.group_id
    WHERE c.framework_id = ${frameworkId} ORDER BY g.position, c.position, c.code`);
  return { framework, competencies };
}

/** Organizations of the actor's scope by code or full name (compared without case and spaces). */
async function loadOrgs(tx: Db, actor: Actor, refs: string[]) {
  const keys = [...new Set(refs.map(normName))];
  if (keys.length === 0) return new Map<string, string[]>();
  const orgs = await tx.query<{ id: string; code: string | null; full_name: string }>(sql`
    SELECT o.id, o.code, o.full_name FROM organizations o
    WHERE (lower(o.code) = ANY(${sql.param(keys)}::text[])
           OR translate(lower(regexp_replace(btrim(o.full_name), '\\s+', ' ', 'g')), 'ё«»“”„‟″', 'е"""""""')
              = ANY(${sql.param(keys)}::text[]))
      AND ${orgScope(actor, 'o')}`);
  const byKey = new Map<string, string[]>();
  for (const o of orgs) {
    for (const k of new Set([o.code ? normName(o.code) : '', normName(o.full_name)])) {
      if (!k) continue;
      const ids = byKey.get(k) ?? [];
      if (!ids.includes(o.id)) byKey.set(k, [...ids, o.id]);
    }
  }
  return byKey;
}

interface ResultInsert {
  person_id: string;
  competency_id: string;
  organization_id: string | null;
  procedure: string;
  assessed_on: string;
  percent: number;
}

/**
 * Loads competency results from a spreadsheet: all-or-nothing by default, the valid rows in mode
 * 'valid', only checking and counting in a dry run; one transaction, one set-based INSERT.
 * A result already loaded (same person, competency, date and procedure) is skipped.
 */
export async function importResults(
  db: Db,
  input: {
    actor: Actor;
    frameworkId: string;
    campaignId: string | null;
    fileName: string;
    data: Uint8Array;
    mode: ImportMode;
    dryRun: boolean;
  },
): Promise<ResultsImportReport> {
  const { actor } = input;
  requireRole(actor, ASSESSMENT_EDITORS);
  const { framework, competencies } = await frameworkForResults(db, actor, input.frameworkId);
  if (input.campaignId) {
    const found = await db.query<{ id: string }>(sql`
      SELECT id FROM assessment_campaigns
      WHERE id = ${input.campaignId} AND (framework_id IS NULL OR framework_id = ${framework.id})`);
    if (found.length === 0)
      throw invalid('Кампания диагностики не найдена или относится к другой карте компетенций.');
  }
  const table = await readTable({ fileName: input.fileName, data: input.data });
  const columns = resultColumns(competencies);
  const headers = mapHeaders(table.headers, columns);
  const report: ResultsImportReport = {
    kind: 'assessment-results',
    fileName: input.fileName,
    totalRows: table.rows.length,
    validRows: 0,
    errors: [...headers.errors],
    warnings: [],
    created: 0,
    updated: 0,
    unchanged: 0,
    results: 0,
    committed: false,
    dryRun: input.dryRun,
  };
  // A column that is neither a fixed one nor a competency code of the framework is an error:
  // results must not silently fall off.
  const known = new Set(columns.map((c) => normalizeHeader(c.header)));
  table.headers.forEach((header, i) => {
    if (header.trim() && !known.has(normalizeHeader(header)))
      report.errors.push({
        row: 1,
        column: header,
        value: null,
        message: `Столбец «${header}» (${columnLetter(i)}): в карте компетенций «${framework.name}» нет компетенции с таким кодом`,
      });
  });
  if (report.errors.length) return report;
  if (table.rows.length === 0) {
    report.errors = [noDataRows()];
    return report;
  }
  const specs = specMap(columns);
  const readers = table.rows.map((row) => new RowReader(row, specs, headers.index));
  const codes = competencies.map((c) => c.code);
  const competencyId = new Map(competencies.map((c) => [c.code, c.id]));
  const today = clock.today();

  return db.transaction(async (tx) => {
    const parsed: { r: RowReader; row: ResultRow }[] = [];
    for (const r of readers) {
      const row = readResultRow(r, codes, today);
      if (row) parsed.push({ r, row });
    }
    const people = await loadPeople(
      tx,
      actor,
      parsed.map((p) => p.row.person),
    );
    const orgs = await loadOrgs(
      tx,
      actor,
      parsed.flatMap((p) => (p.row.organization ? [p.row.organization] : [])),
    );
    const matched: { r: RowReader; row: ResultRow; personId: string; orgId: string | null }[] = [];
    for (const { r, row } of parsed) {
      const personId = matchPerson(r, row.person, people, { one: 'Педагог', many: 'педагогов' });
      let orgId: string | null = null;
      if (row.organization) {
        const ids = orgs.get(normName(row.organization)) ?? [];
        if (ids.length === 1) orgId = ids[0]!;
        else if (ids.length === 0)
          r.fail(
            'organization',
            'Организация с таким кодом или наименованием не найдена в вашей области доступа',
          );
        else r.fail('organization', 'Наименование подходит нескольким организациям; укажите код');
      }
      if (personId && r.ok) matched.push({ r, row, personId, orgId });
    }
    for (const { item, first } of findRepeats(
      matched.map((m) => ({ ...m, rowNumber: m.row.rowNumber })),
      (m) => `${m.personId}|${m.row.assessedOn}|${normWord(m.row.procedure)}`,
    )) {
      item.r.fail(
        null,
        `Результаты этого педагога за эту дату и процедуру уже есть в строке ${first.rowNumber}`,
      );
    }
    const valid = matched.filter((m) => m.r.ok);

    const rowOfCandidate = new Map<ResultInsert, { rowNumber: number; code: string }>();
    const candidates: ResultInsert[] = valid.flatMap((m) =>
      [...m.row.percents].map(([code, percent]) => {
        const x: ResultInsert = {
          person_id: m.personId,
          competency_id: competencyId.get(code)!,
          organization_id: m.orgId,
          procedure: m.row.procedure,
          assessed_on: m.row.assessedOn,
          percent,
        };
        rowOfCandidate.set(x, { rowNumber: m.row.rowNumber, code });
        return x;
      }),
    );
    const keyOf = (x: {
      person_id: string;
      competency_id: string;
      assessed_on: string;
      procedure: string | null;
    }) => `${x.person_id}|${x.competency_id}|${x.assessed_on}|${normWord(x.procedure ?? '')}`;
    const existing = candidates.length
      ? await tx.query<{
          person_id: string;
          competency_id: string;
          assessed_on: string;
          procedure: string | null;
          percent: number;
        }>(sql`
          SELECT person_id, competency_id, assessed_on, procedure, percent FROM competency_results
          WHERE person_id = ANY(${sql.param([...new Set(valid.map((m) => m.personId))])}::uuid[])
            AND competency_id = ANY(${sql.param(competencies.map((c) => c.id))}::uuid[])`)
      : [];
    const loaded = new Map(existing.map((e) => [keyOf(e), Number(e.percent)]));
    const toInsert = candidates.filter((c) => !loaded.has(keyOf(c)));
    // A result already loaded with another percent is kept; the file's value is reported.
    const warnings: ImportIssue[] = [];
    for (const c of candidates) {
      const before = loaded.get(keyOf(c));
      const at = rowOfCandidate.get(c)!;
      if (before !== undefined && before !== c.percent)
        warnings.push({
          row: at.rowNumber,
          column: at.code,
          value: String(c.percent),
          message: `Результат за эту дату и процедуру уже загружен (${before}); оставлен прежний`,
        });
    }
    const newKeys = new Set(toInsert.map((c) => `${c.person_id}|${c.assessed_on}|${normWord(c.procedure)}`));
    const rowAdds = (m: (typeof valid)[number]) =>
      newKeys.has(`${m.personId}|${m.row.assessedOn}|${normWord(m.row.procedure)}`);

    const errors = readers.flatMap((r) => r.issues).sort(byRow);
    const badRows = new Set(errors.map((e) => e.row));
    report.errors = errors;
    report.warnings = warnings.sort(byRow);
    report.validRows = table.rows.filter((r) => !badRows.has(r.rowNumber)).length;
    const commit = !input.dryRun && report.validRows > 0 && (input.mode === 'valid' || errors.length === 0);
    if (commit || input.dryRun) {
      for (const m of valid) report[rowAdds(m) ? 'created' : 'unchanged']++;
      report.results = toInsert.length;
    }
    if (!commit) return report;

    const who = { userId: actor.userId, email: actor.email };
    let entries: Omit<AuditEntry, 'actor'>[] = [];
    if (toInsert.length) {
      await tx.query(sql`
        INSERT INTO competency_results (person_id, competency_id, campaign_id, source, procedure, organization_id, assessed_on, percent)
        SELECT x.person_id, x.competency_id, ${input.campaignId}::uuid, 'import', x.procedure, x.organization_id,
               x.assessed_on, x.percent
        FROM jsonb_to_recordset(${JSON.stringify(toInsert)}::jsonb) AS x(
          person_id uuid, competency_id uuid, organization_id uuid, procedure text, assessed_on date, percent numeric)`);
      const codeOf = new Map(competencies.map((c) => [c.id, c.code]));
      const perPerson = new Map<string, ResultInsert[]>();
      for (const x of toInsert) perPerson.set(x.person_id, [...(perPerson.get(x.person_id) ?? []), x]);
      entries = [...perPerson].map(([personId, xs]) => ({
        action: 'create',
        entity: 'competency_result',
        personId,
        after: {
          frameworkId: framework.id,
          campaignId: input.campaignId,
          results: xs.map((x) => ({
            competency: codeOf.get(x.competency_id),
            percent: x.percent,
            assessedOn: x.assessed_on,
            procedure: x.procedure,
          })),
        },
      }));
    }
    await writeImportAudit(tx, who, entries, {
      kind: report.kind,
      frameworkId: framework.id,
      campaignId: input.campaignId,
      fileName: input.fileName,
      mode: input.mode,
      totalRows: report.totalRows,
      validRows: report.validRows,
      errors: errors.length,
      created: report.created,
      unchanged: report.unchanged,
      results: report.results,
    });
    report.committed = true;
    return report;
  });
}

/** The template of a framework: headers, one example row and the «Справка» sheet in XLSX. */
export async function resultsTemplate(db: Db, actor: Actor, frameworkId: string, format: 'xlsx' | 'csv') {
  const { framework, competencies } = await frameworkForResults(db, actor, frameworkId);
  return importTemplate(
    resultColumns(competencies),
    { sheet: 'Результаты', file: `results-${framework.code}` },
    format,
  );
}
