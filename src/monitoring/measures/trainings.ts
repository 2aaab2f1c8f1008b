import { sql } from 'drizzle-orm';
import { inPeriod, num, type PersonMeasureBuilder, str } from './context.ts';

/** Training measures over issued documents (удостоверения ПК, дипломы ПП). */
export const TRAINING_MEASURES: Record<string, PersonMeasureBuilder> = {
  'staff.retrained': (_p, ctx) => ({
    set: sql`SELECT t.person_id FROM trainings t WHERE t.document = 'diploma' AND t.issued_on <= ${ctx.asOf}::date`,
  }),
  'trainings.people': (p, ctx) => {
    const parts = [inPeriod(sql`t.issued_on`, ctx)];
    const direction = str(p.direction);
    if (direction) parts.push(sql`${direction} = ANY(pr.priority_directions)`);
    if (typeof p.federalRegistry === 'boolean')
      parts.push(sql`coalesce(pr.federal_registry, false) = ${p.federalRegistry}`);
    const document = str(p.document);
    if (document) parts.push(sql`t.document::text = ${document}`);
    return {
      set: sql`SELECT t.person_id FROM trainings t LEFT JOIN programs pr ON pr.id = t.program_id
        WHERE ${sql.join(parts, sql` AND `)}`,
    };
  },
  // перспективный план: no training within `years` before asOf (or none at all)
  'trainings.due': (p, ctx) => ({
    exclude: sql`SELECT t.person_id FROM trainings t
      WHERE t.issued_on <= ${ctx.asOf}::date AND t.issued_on > ${ctx.asOf}::date - make_interval(years => ${num(p.years) ?? 3}::int)`,
  }),
};
