import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { normName, normWord } from '../../platform/import/cells.ts';
import type {
  ImportIssue,
  ImportMode,
  ImportReport,
  RowOutcome,
} from '../../platform/import/import.types.ts';
import { assertMayImport, runImport } from '../../platform/import/import-run.ts';
import { importerTemplate } from '../../platform/import/import-template.ts';
import { findRepeats, type Importer } from '../../platform/import/importer.ts';
import { loadPeople, matchPerson } from '../../platform/import/person-identity.ts';
import type { RowReader } from '../../platform/import/row-reader.ts';
import { RESULTS_IMPORTERS } from '../assessment.policy.ts';
import { campaignTakesFramework } from '../campaigns/campaigns.repository.ts';
import { refreshHeatCells } from '../deficits/heat-cells.repository.ts';
import { findFramework, listFrameworkCompetencies } from '../frameworks/frameworks.repository.ts';
import {
  findOrgsByRef,
  insertImportedResults,
  loadedResults,
  type ResultInsert,
} from './results.repository.ts';
import { type ResultRow, readResultRow, resultColumns } from './results.rows.ts';

/**
 * The report of a results import. Rows count as `created` when they added at least one result,
 * `unchanged` when their every result was already loaded (same person, competency, date and
 * procedure); `results` is the competency results written (or, in a dry run, that would be).
 */
export type ResultsImportReport = ImportReport<'assessment-results', { results: number }>;

interface FrameworkCompetency {
  id: string;
  code: string;
  name: string;
}

/** The framework (within the caller's read scope) and its competencies in order. */
export async function frameworkForResults(db: Db, actor: Actor, frameworkId: string) {
  const framework = await findFramework(db, actor, frameworkId);
  if (!framework) throw notFound('Карта компетенций не найдена или недоступна.');
  const competencies: FrameworkCompetency[] = await listFrameworkCompetencies(db, frameworkId);
  return { framework, competencies };
}

/** Organizations of the actor's scope by code or full name (compared without case and spaces). */
async function loadOrgs(tx: Db, actor: Actor, refs: string[]) {
  const keys = [...new Set(refs.map(normName))];
  if (keys.length === 0) return new Map<string, string[]>();
  const orgs = await findOrgsByRef(tx, actor, keys);
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

type Framework = { id: string; code: string; name: string };

/**
 * The importer of one framework's results: a column per competency code of the framework, and a
 * column that is not one of them is an error (results must not silently fall off). A result
 * already loaded (same person, competency, date and procedure) is skipped.
 */
export function resultsImporter(
  framework: Framework,
  competencies: FrameworkCompetency[],
  campaignId: string | null,
): Importer<'assessment-results', { results: number }> {
  const codes = competencies.map((c) => c.code);
  const competencyId = new Map(competencies.map((c) => [c.code, c.id]));
  return {
    kind: 'assessment-results',
    columns: resultColumns(competencies),
    roles: RESULTS_IMPORTERS,
    template: { sheet: 'Результаты', file: `results-${framework.code}` },
    conflict: 'Данные изменились во время загрузки (совпали ключевые данные). Повторите загрузку.',
    unknownColumn: (header, letter) =>
      `Столбец «${header}» (${letter}): в карте компетенций «${framework.name}» нет компетенции с таким кодом`,
    counts: { results: 0 },
    auditDetails: { frameworkId: framework.id, campaignId },
    async prepare(tx, ctx, readers) {
      const actor = ctx.scope;
      const parsed: { r: RowReader; row: ResultRow }[] = [];
      for (const r of readers) {
        const row = readResultRow(r, codes, ctx.today);
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
        ? await loadedResults(
            tx,
            [...new Set(valid.map((m) => m.personId))],
            competencies.map((c) => c.id),
          )
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
      const newKeys = new Set(
        toInsert.map((c) => `${c.person_id}|${c.assessed_on}|${normWord(c.procedure)}`),
      );
      const outcomes = new Map<number, RowOutcome>();
      for (const m of valid) {
        const adds = newKeys.has(`${m.personId}|${m.row.assessedOn}|${normWord(m.row.procedure)}`);
        outcomes.set(m.row.rowNumber, adds ? 'created' : 'unchanged');
      }

      return {
        errors: readers.flatMap((r) => r.issues),
        warnings,
        outcomes,
        counts: { results: toInsert.length },
        async commit(db) {
          if (toInsert.length === 0) return [];
          await insertImportedResults(db, campaignId, toInsert);
          // The heatmap's aggregates of the organizations these people work in, in this transaction.
          await refreshHeatCells(db, framework.id);
          const codeOf = new Map(competencies.map((c) => [c.id, c.code]));
          const perPerson = new Map<string, ResultInsert[]>();
          for (const x of toInsert) perPerson.set(x.person_id, [...(perPerson.get(x.person_id) ?? []), x]);
          return [...perPerson].map(([personId, xs]) => ({
            action: 'create',
            entity: 'competency_result',
            personId,
            after: {
              frameworkId: framework.id,
              campaignId,
              results: xs.map((x) => ({
                competency: codeOf.get(x.competency_id),
                percent: x.percent,
                assessedOn: x.assessed_on,
                procedure: x.procedure,
              })),
            },
          }));
        },
      };
    },
  };
}

/**
 * Loads competency results from a spreadsheet: all-or-nothing by default, the valid rows in mode
 * 'valid', only checking and counting in a dry run; one transaction, one set-based INSERT.
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
  assertMayImport({ roles: RESULTS_IMPORTERS }, actor);
  const { framework, competencies } = await frameworkForResults(db, actor, input.frameworkId);
  if (input.campaignId && !(await campaignTakesFramework(db, input.campaignId, framework.id))) {
    throw invalid('Кампания диагностики не найдена или относится к другой карте компетенций.');
  }
  return runImport(db, resultsImporter(framework, competencies, input.campaignId), input);
}

/** The template of a framework: headers, one example row and the «Справка» sheet in XLSX. */
export async function resultsTemplate(db: Db, actor: Actor, frameworkId: string, format: 'xlsx' | 'csv') {
  const { framework, competencies } = await frameworkForResults(db, actor, frameworkId);
  return importerTemplate(resultsImporter(framework, competencies, null), format);
}
