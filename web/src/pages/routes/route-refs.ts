/** Select options the route screens build from reference lists (frameworks and their competencies). */
import type { Framework } from '../../api/assessment.ts';

/** Every competency of the frameworks; the framework's name is added when there are several. */
export function competencyOptions(frameworks: Framework[] | undefined) {
  const out: { value: string; label: string }[] = [];
  for (const f of frameworks ?? []) {
    for (const g of f.groups) {
      for (const c of g.competencies) {
        out.push({
          value: c.id,
          label: `${c.name}${(frameworks?.length ?? 0) > 1 ? ` (${f.name})` : ''}`,
        });
      }
    }
  }
  return out;
}
