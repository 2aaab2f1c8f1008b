import type { CardReport, ReportDirection, ReportItem } from '../card-report.ts';
import type { Preset } from '../presets/preset-004.ts';
import { levelOf, maxPoints } from '../scoring.ts';

/**
 * A hand-made `CardReport` from a preset, for the results' and the exports' unit tests: every
 * item claimed and accepted at its maximum unless told. Items are named by their number in the
 * card, «2.3» = the third item of the second direction.
 */
export type ReportOptions = {
  orgId?: string;
  name?: string;
  shortName?: string | null;
  /** Items that earned nothing: claimed and verified 0 (the expert's comment says why). */
  lose?: string[];
  /** Verified points of some items (the claim stays at the maximum: the expert changed it). */
  points?: Record<string, number>;
  /** Items the expert has not reviewed yet: the claim counts. */
  pending?: string[];
  basis?: 'document' | 'items';
  status?: string;
  late?: boolean;
  /** Stage 3's stored figures; computed from the items when absent (rank stays null). */
  rank?: number | null;
  groupSize?: number;
  level?: string | null;
  totalPoints?: number | null;
  previous?: CardReport['previous'];
  schoolYear?: number;
  municipalityName?: string;
  evidence?: Record<string, ReportItem['evidence']>;
};

export function reportFromPreset(preset: Preset, o: ReportOptions = {}): CardReport {
  const lose = new Set(o.lose ?? []);
  const pending = new Set(o.pending ?? []);
  const orgId = o.orgId ?? `org-${preset.orgKind}-${(o.name ?? 'x').length}`;
  const directions: ReportDirection[] = preset.directions.map((d, di) => {
    const items: ReportItem[] = d.items.map((it, ii) => {
      const code = `${di + 1}.${ii + 1}`;
      const max = maxPoints(it.rule);
      const lost = lose.has(code);
      const changed = o.points?.[code];
      const claimed = lost ? 0 : max;
      const verified = pending.has(code) ? null : lost ? 0 : (changed ?? max);
      const review = pending.has(code)
        ? 'pending'
        : changed !== undefined && changed !== claimed
          ? 'changed'
          : 'accepted';
      return {
        id: `${preset.code}-${code}`,
        position: ii + 1,
        text: it.text,
        method: it.method,
        maxPoints: max,
        value:
          it.rule.kind === 'fact'
            ? { kind: 'fact', present: !lost }
            : it.rule.kind === 'share'
              ? { kind: 'share', part: lost ? 1 : 3, whole: 4 }
              : null,
        comment: lost ? '' : `Комментарий к ${code}`,
        evidence: o.evidence?.[code] ?? [],
        prefill: null,
        claimedPoints: claimed,
        review,
        verifiedPoints: verified,
        expertComment: review === 'changed' ? `Баллы по ${code} снижены: документ не подтверждает` : '',
        flag: null,
      };
    });
    return {
      id: `${preset.code}-d${di + 1}`,
      position: di + 1,
      title: d.title,
      statedMax: d.statedMax,
      itemsMax: items.reduce((s, i) => s + i.maxPoints, 0),
      items,
    };
  });
  const itemsMax = directions.reduce((s, d) => s + d.itemsMax, 0);
  const basis = o.basis ?? 'document';
  const max = basis === 'document' ? preset.statedMax : itemsMax;
  const computed = directions
    .flatMap((d) => d.items)
    .reduce((s, i) => s + (i.verifiedPoints ?? i.claimedPoints ?? 0), 0);
  const total = o.totalPoints === undefined ? computed : o.totalPoints;
  const level =
    o.level === undefined
      ? total === null
        ? null
        : (levelOf(total, max, preset.levels)?.code ?? null)
      : o.level;
  const schoolYear = o.schoolYear ?? 2025;
  return {
    campaign: {
      id: 'campaign-2025',
      title: `Мониторинг системы профессионального развития ${schoolYear}/${schoolYear + 1}`,
      schoolYear,
      fillBy: `${schoolYear}-09-30`,
      verifyBy: `${schoolYear}-10-15`,
      evaluateBy: `${schoolYear}-11-01`,
      maxBasis: basis,
      maxBasisNote:
        basis === 'document' ? 'Максимум по приложению 1 порядка' : 'Максимум — сумма баллов показателей',
      closedAt: null,
    },
    organization: {
      id: orgId,
      name: o.name ?? 'Организация',
      shortName: o.shortName === undefined ? (o.name ?? null) : o.shortName,
      kind: preset.orgKind,
      municipalityName: o.municipalityName ?? 'Зиминский район',
    },
    template: {
      id: `template-${preset.code}`,
      title: preset.title,
      version: 1,
      statedMax: preset.statedMax,
      itemsMax,
      max,
      levels: preset.levels,
    },
    card: {
      id: `card-${orgId}`,
      status: o.status ?? 'verified',
      submittedAt: `${schoolYear}-${o.late ? '10-02' : '09-25'}T10:00:00Z`,
      late: o.late ?? false,
      verifiedAt: `${schoolYear}-10-12T09:00:00Z`,
      totalPoints: total,
      level,
      rank: o.rank ?? null,
      groupSize: o.groupSize ?? 1,
    },
    previous: o.previous ?? null,
    head: { fullName: 'Иванова Мария Петровна', position: 'Заведующий' },
    experts: [{ fullName: 'Сидоров Пётр Ильич' }],
    directions,
  };
}
