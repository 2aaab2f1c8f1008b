import { bandsInPoints, type LevelBand, maxPoints, type ScoringRule } from '../scoring.ts';

/**
 * Where a template's stated maxima differ from its items (issue 15, 2): per direction the sum of
 * the items' maxima against «макс. — N баллов», per card the items' sum against the document's
 * maximum (004 Appendix 1) and against the sum of the directions' stated maxima, and the level
 * bands in points computed from either maximum. Pure: the template page and the preset test call it.
 */
export type CheckedTemplate = {
  statedMax: number | null;
  levels: LevelBand[];
  directions: { title: string; statedMax: number | null; items: { rule: ScoringRule }[] }[];
};

export type DirectionCheck = {
  title: string;
  items: number;
  itemsMax: number;
  statedMax: number | null;
  differs: boolean;
};

export type TemplateCheck = {
  directions: DirectionCheck[];
  itemsMax: number;
  statedMax: number | null;
  /** Σ of the directions' stated maxima (null when a direction states none). */
  directionsStatedSum: number | null;
  differs: boolean;
  bands: {
    document: ReturnType<typeof bandsInPoints> | null;
    items: ReturnType<typeof bandsInPoints>;
  };
};

export function checkTemplate(template: CheckedTemplate): TemplateCheck {
  const directions = template.directions.map((d) => {
    const itemsMax = d.items.reduce((sum, i) => sum + maxPoints(i.rule), 0);
    return {
      title: d.title,
      items: d.items.length,
      itemsMax,
      statedMax: d.statedMax,
      differs: d.statedMax !== null && d.statedMax !== itemsMax,
    };
  });
  const itemsMax = directions.reduce((sum, d) => sum + d.itemsMax, 0);
  const directionsStatedSum = directions.every((d) => d.statedMax !== null)
    ? directions.reduce((sum, d) => sum + (d.statedMax ?? 0), 0)
    : null;
  return {
    directions,
    itemsMax,
    statedMax: template.statedMax,
    directionsStatedSum,
    differs:
      directions.some((d) => d.differs) ||
      (template.statedMax !== null && template.statedMax !== itemsMax) ||
      (directionsStatedSum !== null &&
        template.statedMax !== null &&
        directionsStatedSum !== template.statedMax),
    bands: {
      document: template.statedMax !== null ? bandsInPoints(template.statedMax, template.levels) : null,
      items: bandsInPoints(itemsMax, template.levels),
    },
  };
}

/** The maximum a campaign computes levels from: the document's (default) or the items' sum. */
export function effectiveMax(
  check: Pick<TemplateCheck, 'itemsMax' | 'statedMax'>,
  basis: 'document' | 'items',
): number {
  return basis === 'document' && check.statedMax !== null ? check.statedMax : check.itemsMax;
}
