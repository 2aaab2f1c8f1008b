import { classify, type DeficitLevel } from './classify.ts';
import type { DeficitPersonDb, HeatCellDb, PersonCompetencyDb } from './deficits.repository.ts';

export interface Thresholds {
  deficitBelow: number;
  partialBelow: number;
}

/** «Фамилия Имя Отчество», without an empty patronymic. */
export const presentPersonName = (p: { last_name: string; first_name: string; patronymic: string | null }) =>
  [p.last_name, p.first_name, p.patronymic].filter(Boolean).join(' ');

export function presentFrameworkThresholds(
  f: { id: string; code: string; name: string },
  thresholds: Thresholds,
) {
  return { id: f.id, code: f.code, name: f.name, ...thresholds };
}

/** A person's latest result on each competency, with its level by the framework's thresholds. */
export function presentPersonCompetency(r: PersonCompetencyDb, thresholds: Thresholds) {
  return {
    competencyId: r.competency_id,
    code: r.code,
    name: r.name,
    groupCode: r.group_code,
    groupName: r.group_name,
    percent: r.percent === null ? null : Number(r.percent),
    level: r.percent === null ? null : classify(Number(r.percent), thresholds),
    assessedOn: r.assessed_on,
    source: r.source,
    procedure: r.procedure,
  };
}

export function presentDeficitPerson(r: DeficitPersonDb, thresholds: Thresholds) {
  return {
    personId: r.person_id,
    fullName: presentPersonName(r),
    organizationId: r.organization_id,
    organization: r.organization,
    percent: Number(r.percent),
    level: classify(Number(r.percent), thresholds) as DeficitLevel,
    assessedOn: r.assessed_on,
    source: r.source,
  };
}

interface HeatCell {
  competencyId: string;
  assessed: number;
  deficit: number;
  partial: number;
  /** Share of the assessed with a deficit, percent to one decimal. */
  deficitShare: number;
  /** Share of the assessed at the partial level («частично сформирована»), percent to one decimal. */
  partialShare: number;
}

const shareOf = (n: number, of: number) => (of ? Math.round((n * 1000) / of) / 10 : 0);

/** The heatmap's cells grouped into rows (organizations or subjects) in the order they came. */
export function presentHeatmapRows(cells: HeatCellDb[]): { id: string; name: string; cells: HeatCell[] }[] {
  const rows = new Map<string, { id: string; name: string; cells: HeatCell[] }>();
  for (const c of cells) {
    const row = rows.get(c.row_id) ?? { id: c.row_id, name: c.row_name, cells: [] };
    rows.set(c.row_id, row);
    row.cells.push({
      competencyId: c.competency_id,
      assessed: c.assessed,
      deficit: c.deficit,
      partial: c.partial,
      deficitShare: shareOf(c.deficit, c.assessed),
      partialShare: shareOf(c.partial, c.assessed),
    });
  }
  return [...rows.values()];
}
