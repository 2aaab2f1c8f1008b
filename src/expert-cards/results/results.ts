import { ORG_KINDS } from '../../directory/vocabulary.ts';
import { type CardReport, itemPoints, type ReportItem } from '../card-report.ts';
import { bandsInPoints, type LevelBand, levelOf, rankByTotal } from '../scoring.ts';

/**
 * Results of a campaign of expert cards (issue 15, 4; 004 §2.4, §3.5): per organization, per
 * group of organizations (its kind: ДОО, ОО, ДО — 004 §2.2) and for the municipality. Pure: reads
 * `CardReport`s the cards repository built, never queries.
 *
 * The max basis: a card's share and level are taken against `template.max` (the maximum the
 * campaign chose — the document's or the items' sum); a direction's share against its `itemsMax`
 * (the directions' stated maxima are the document's words, not what the items can give).
 *
 * Stage 3's stored figures (total, level, rank) win; before stage 3 they are computed from the
 * items the same way (`final` says which). Percentages are rounded to one decimal.
 */

export type LevelRef = { code: string; label: string };

export type DirectionResult = {
  id: string;
  position: number;
  title: string;
  points: number;
  /** Σ of the items' maxima: what the direction can give. */
  max: number;
  statedMax: number | null;
  /** points / max, in percent. */
  percent: number;
  previousPoints: number | null;
  delta: number | null;
};

export type LostItem = {
  id: string;
  /** «2.3»: the direction's and the item's positions. */
  number: string;
  directionTitle: string;
  text: string;
  points: number;
  maxPoints: number;
  lost: number;
  review: string;
  expertComment: string;
};

export type LevelChange = 'up' | 'down' | 'same';

export type OrganizationResult = {
  organizationId: string;
  name: string;
  shortName: string | null;
  kind: string;
  groupLabel: string;
  cardId: string;
  status: string;
  late: boolean;
  /** Stage 3 has stored the total; otherwise the figures are the items' sum so far. */
  final: boolean;
  total: number;
  /** The maximum the level is computed from (`template.max`). */
  max: number;
  itemsMax: number;
  statedMax: number | null;
  percent: number;
  level: LevelRef | null;
  rank: number | null;
  groupSize: number;
  directions: DirectionResult[];
  lostItems: LostItem[];
  previous: {
    schoolYear: number;
    total: number | null;
    level: LevelRef | null;
    delta: number | null;
    levelChange: LevelChange | null;
  } | null;
};

export type LevelCount = LevelRef & {
  /** The band in points against the group's maximum (absent in the municipality's overall line). */
  from?: number;
  to?: number;
  count: number;
  percent: number;
};

export type Comparison = {
  /** Organizations that have a level this year and last year. */
  compared: number;
  up: number;
  down: number;
  same: number;
  /** Mean change of the total among those with both totals; null when none. */
  meanDelta: number | null;
};

export type GroupDirection = {
  position: number;
  title: string;
  max: number;
  meanPoints: number;
  /** Mean over organizations of points / max, in percent. */
  meanPercent: number;
  /** Organizations that got fewer points than the direction's maximum. */
  lostBy: number;
};

export type GroupItem = {
  number: string;
  directionTitle: string;
  text: string;
  maxPoints: number;
  /** Organizations that got fewer points than the item's maximum. */
  lostBy: number;
  lostPercent: number;
};

export type GroupResult = {
  kind: string;
  label: string;
  templateTitle: string;
  max: number;
  itemsMax: number;
  statedMax: number | null;
  count: number;
  meanTotal: number;
  meanPercent: number;
  levels: LevelCount[];
  /** Cards without a level (a maximum of 0). */
  withoutLevel: number;
  ranking: {
    rank: number;
    organizationId: string;
    name: string;
    total: number;
    max: number;
    percent: number;
    level: LevelRef | null;
  }[];
  directions: GroupDirection[];
  /** The directions by mean share of their maximum, lowest first. */
  weakestDirections: GroupDirection[];
  /** The items lost most often, most first; only items someone lost. */
  weakestItems: GroupItem[];
  comparison: Comparison;
  organizations: OrganizationResult[];
};

export type SummaryLine = {
  kind: string | null;
  label: string;
  count: number;
  meanPercent: number;
  levels: LevelCount[];
  comparison: Comparison;
};

export type MunicipalitySummary = {
  campaignTitle: string;
  schoolYear: number | null;
  municipalities: string[];
  groups: SummaryLine[];
  overall: SummaryLine;
};

export type CampaignResults = {
  organizations: OrganizationResult[];
  groups: GroupResult[];
  summary: MunicipalitySummary;
};

/** 004 §2.2 names the groups in the plural. */
const GROUP_LABELS: Record<string, string> = {
  preschool: 'Дошкольные образовательные организации',
  school: 'Общеобразовательные организации',
  additional: 'Организации дополнительного образования',
};
const GROUP_ORDER = ['preschool', 'school', 'additional'];

export function groupLabel(kind: string): string {
  return GROUP_LABELS[kind] ?? ORG_KINDS[kind as keyof typeof ORG_KINDS]?.label ?? kind;
}

/** «1 сентября 2025 — 31 августа 2026» is «2025/2026». */
export function schoolYearName(year: number): string {
  return `${year}/${year + 1}`;
}

export const round1 = (n: number) => Math.round((n + Number.EPSILON * Math.sign(n)) * 10) / 10;
const percentOf = (points: number, max: number) => (max > 0 ? round1((points / max) * 100) : 0);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The band of a code among a template's levels, as { code, label }; an unknown code keeps itself. */
export function levelRef(code: string | null, bands: LevelBand[]): LevelRef | null {
  if (code === null) return null;
  const band = bands.find((b) => b.code === code);
  return { code, label: band?.label ?? code };
}

/** Higher band = higher minPercent; an unknown code has no order. */
function levelOrder(code: string, bands: LevelBand[]): number | null {
  const band = bands.find((b) => b.code === code);
  return band ? band.minPercent : null;
}

function levelChange(now: string | null, before: string | null, bands: LevelBand[]): LevelChange | null {
  if (now === null || before === null) return null;
  const a = levelOrder(now, bands);
  const b = levelOrder(before, bands);
  if (a === null || b === null) return now === before ? 'same' : null;
  return a > b ? 'up' : a < b ? 'down' : 'same';
}

const itemNumber = (directionPosition: number, item: Pick<ReportItem, 'position'>) =>
  `${directionPosition}.${item.position}`;

/** The total a card counts with: stage 3's stored one, else the items' points so far. */
export function cardTotal(report: CardReport): number {
  if (report.card.totalPoints !== null) return report.card.totalPoints;
  return report.directions.reduce((s, d) => s + d.items.reduce((t, i) => t + itemPoints(i), 0), 0);
}

/** The level a card counts with: stage 3's stored code, else computed against `template.max`. */
export function cardLevel(report: CardReport): LevelRef | null {
  const code =
    report.card.level ??
    levelOf(cardTotal(report), report.template.max, report.template.levels)?.code ??
    null;
  return levelRef(code, report.template.levels);
}

/** One organization's results; `rank` is stage 3's unless the caller computed one for the group. */
export function organizationResult(
  report: CardReport,
  computedRank: number | null = null,
): OrganizationResult {
  const { template, card, previous } = report;
  const total = cardTotal(report);
  const level = cardLevel(report);
  const directions = [...report.directions].sort((a, b) => a.position - b.position);
  const directionResults: DirectionResult[] = directions.map((d, i) => {
    const points = d.items.reduce((s, it) => s + itemPoints(it), 0);
    const previousPoints = previous?.byDirection[i] ?? null;
    return {
      id: d.id,
      position: d.position,
      title: d.title,
      points,
      max: d.itemsMax,
      statedMax: d.statedMax,
      percent: percentOf(points, d.itemsMax),
      previousPoints,
      delta: previousPoints === null ? null : points - previousPoints,
    };
  });
  const lostItems: LostItem[] = directions.flatMap((d) =>
    [...d.items]
      .sort((a, b) => a.position - b.position)
      .filter((it) => itemPoints(it) < it.maxPoints)
      .map((it) => ({
        id: it.id,
        number: itemNumber(d.position, it),
        directionTitle: d.title,
        text: it.text,
        points: itemPoints(it),
        maxPoints: it.maxPoints,
        lost: it.maxPoints - itemPoints(it),
        review: it.review,
        expertComment: it.expertComment,
      })),
  );
  return {
    organizationId: report.organization.id,
    name: report.organization.name,
    shortName: report.organization.shortName,
    kind: report.organization.kind,
    groupLabel: groupLabel(report.organization.kind),
    cardId: card.id,
    status: card.status,
    late: card.late,
    final: card.totalPoints !== null,
    total,
    max: template.max,
    itemsMax: template.itemsMax,
    statedMax: template.statedMax,
    percent: percentOf(total, template.max),
    level,
    rank: card.rank ?? computedRank,
    groupSize: card.groupSize,
    directions: directionResults,
    lostItems,
    previous: previous
      ? {
          schoolYear: previous.schoolYear,
          total: previous.totalPoints,
          level: levelRef(previous.level, template.levels),
          delta: previous.totalPoints === null ? null : total - previous.totalPoints,
          levelChange: levelChange(level?.code ?? null, previous.level, template.levels),
        }
      : null,
  };
}

function comparisonOf(orgs: OrganizationResult[]): Comparison {
  const changes = orgs.map((o) => o.previous?.levelChange ?? null).filter((c) => c !== null);
  const deltas = orgs.map((o) => o.previous?.delta ?? null).filter((d) => d !== null);
  return {
    compared: changes.length,
    up: changes.filter((c) => c === 'up').length,
    down: changes.filter((c) => c === 'down').length,
    same: changes.filter((c) => c === 'same').length,
    meanDelta: deltas.length ? round1(mean(deltas)) : null,
  };
}

function levelCounts(orgs: OrganizationResult[], bands: LevelBand[], max: number | null): LevelCount[] {
  const inPoints = max !== null && max > 0 ? bandsInPoints(max, bands) : null;
  return [...bands]
    .sort((a, b) => b.minPercent - a.minPercent)
    .map((band) => {
      const count = orgs.filter((o) => o.level?.code === band.code).length;
      const points = inPoints?.find((p) => p.band.code === band.code);
      return {
        code: band.code,
        label: band.label,
        ...(points ? { from: points.from, to: points.to } : {}),
        count,
        percent: percentOf(count, orgs.length),
      };
    });
}

export type ResultsOptions = {
  /** How many weakest directions to list per group (all by default). */
  weakestDirections?: number;
  /** How many weakest items to list per group (10 by default). */
  weakestItems?: number;
};

function groupResult(kind: string, reports: CardReport[], options: ResultsOptions): GroupResult {
  const first = reports[0]!;
  const ranks = rankByTotal(reports.map((r) => ({ key: r.card.id, total: cardTotal(r) })));
  const orgs = reports.map((r) => {
    const o = organizationResult(r, ranks.get(r.card.id) ?? null);
    return r.card.rank === null ? { ...o, groupSize: reports.length } : o;
  });
  const byRank = [...orgs].sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      b.total - a.total ||
      a.name.localeCompare(b.name, 'ru'),
  );

  // Directions and items are matched by position: one template per group in a campaign.
  const directionKeys = new Map<
    number,
    { title: string; max: number; shares: number[]; points: number[]; lostBy: number }
  >();
  const itemKeys = new Map<
    string,
    { directionTitle: string; text: string; maxPoints: number; lostBy: number; order: [number, number] }
  >();
  for (const r of reports) {
    for (const d of r.directions) {
      const points = d.items.reduce((s, it) => s + itemPoints(it), 0);
      const dk = directionKeys.get(d.position) ?? {
        title: d.title,
        max: d.itemsMax,
        shares: [],
        points: [],
        lostBy: 0,
      };
      dk.points.push(points);
      dk.shares.push(d.itemsMax > 0 ? (points / d.itemsMax) * 100 : 0);
      if (points < d.itemsMax) dk.lostBy++;
      directionKeys.set(d.position, dk);
      for (const it of d.items) {
        const number = itemNumber(d.position, it);
        const ik = itemKeys.get(number) ?? {
          directionTitle: d.title,
          text: it.text,
          maxPoints: it.maxPoints,
          lostBy: 0,
          order: [d.position, it.position] as [number, number],
        };
        if (itemPoints(it) < it.maxPoints) ik.lostBy++;
        itemKeys.set(number, ik);
      }
    }
  }
  const directions: GroupDirection[] = [...directionKeys.entries()]
    .sort(([a], [b]) => a - b)
    .map(([position, d]) => ({
      position,
      title: d.title,
      max: d.max,
      meanPoints: round1(mean(d.points)),
      meanPercent: round1(mean(d.shares)),
      lostBy: d.lostBy,
    }));
  const weakestDirections = [...directions]
    .sort((a, b) => a.meanPercent - b.meanPercent || a.position - b.position)
    .slice(0, options.weakestDirections ?? directions.length);
  const weakestItems: GroupItem[] = [...itemKeys.entries()]
    .filter(([, i]) => i.lostBy > 0)
    .sort(([, a], [, b]) => b.lostBy - a.lostBy || a.order[0] - b.order[0] || a.order[1] - b.order[1])
    .slice(0, options.weakestItems ?? 10)
    .map(([number, i]) => ({
      number,
      directionTitle: i.directionTitle,
      text: i.text,
      maxPoints: i.maxPoints,
      lostBy: i.lostBy,
      lostPercent: percentOf(i.lostBy, reports.length),
    }));
  const levels = levelCounts(orgs, first.template.levels, first.template.max);
  return {
    kind,
    label: groupLabel(kind),
    templateTitle: first.template.title,
    max: first.template.max,
    itemsMax: first.template.itemsMax,
    statedMax: first.template.statedMax,
    count: orgs.length,
    meanTotal: round1(mean(orgs.map((o) => o.total))),
    meanPercent: round1(mean(orgs.map((o) => (o.max > 0 ? (o.total / o.max) * 100 : 0)))),
    levels,
    withoutLevel: orgs.filter((o) => o.level === null).length,
    ranking: byRank.map((o) => ({
      rank: o.rank ?? 0,
      organizationId: o.organizationId,
      name: o.shortName ?? o.name,
      total: o.total,
      max: o.max,
      percent: o.percent,
      level: o.level,
    })),
    directions,
    weakestDirections,
    weakestItems,
    comparison: comparisonOf(orgs),
    organizations: byRank,
  };
}

function kindOrder(kind: string): number {
  const i = GROUP_ORDER.indexOf(kind);
  return i < 0 ? GROUP_ORDER.length : i;
}

/** Groups of reports by organization kind, in 004's order (ДОО, ОО, ДО), then others by name. */
export function byGroup(reports: CardReport[]): [string, CardReport[]][] {
  const groups = new Map<string, CardReport[]>();
  for (const r of reports) {
    const list = groups.get(r.organization.kind) ?? [];
    list.push(r);
    groups.set(r.organization.kind, list);
  }
  return [...groups.entries()].sort(
    ([a], [b]) => kindOrder(a) - kindOrder(b) || groupLabel(a).localeCompare(groupLabel(b), 'ru'),
  );
}

/** Every result of a campaign: organizations (by group, then rank), groups and the summary. */
export function campaignResults(reports: CardReport[], options: ResultsOptions = {}): CampaignResults {
  const groups = byGroup(reports).map(([kind, list]) => groupResult(kind, list, options));
  const organizations = groups.flatMap((g) => g.organizations);
  const line = (g: GroupResult): SummaryLine => ({
    kind: g.kind,
    label: g.label,
    count: g.count,
    meanPercent: g.meanPercent,
    levels: g.levels,
    comparison: g.comparison,
  });
  // The overall distribution goes by level code across groups (004's three cards share them);
  // the labels are the first template's that names the code.
  const bands: LevelBand[] = [];
  for (const r of reports)
    for (const b of r.template.levels) if (!bands.some((x) => x.code === b.code)) bands.push(b);
  const first = reports[0];
  return {
    organizations,
    groups,
    summary: {
      campaignTitle: first?.campaign.title ?? '',
      schoolYear: first?.campaign.schoolYear ?? null,
      municipalities: [...new Set(reports.map((r) => r.organization.municipalityName))].sort((a, b) =>
        a.localeCompare(b, 'ru'),
      ),
      groups: groups.map(line),
      overall: {
        kind: null,
        label: 'Все организации',
        count: organizations.length,
        meanPercent: round1(mean(organizations.map((o) => (o.max > 0 ? (o.total / o.max) * 100 : 0)))),
        levels: levelCounts(organizations, bands, null),
        comparison: comparisonOf(organizations),
      },
    },
  };
}
