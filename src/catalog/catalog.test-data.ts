import { type Db, sql } from '../platform/db/database.ts';

/** For integration tests: one framework with one group and the given competency codes. */
export async function insertCompetencies(db: Db, codes: string[], frameworkCode = 'TEST'): Promise<void> {
  const [f] = await db.query<{ id: string }>(
    sql`INSERT INTO competency_frameworks (code, name) VALUES (${frameworkCode}, 'Тестовая карта') RETURNING id`,
  );
  const [g] = await db.query<{ id: string }>(
    sql`INSERT INTO competency_groups (framework_id, code, name) VALUES (${f!.id}, 'methodical', 'Методические') RETURNING id`,
  );
  for (const code of codes) {
    await db.query(sql`INSERT INTO competencies (framework_id, group_id, code, name)
                       VALUES (${f!.id}, ${g!.id}, ${code}, ${`Компетенция ${code}`})`);
  }
}
