import { openDatabase } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { adminUrl, TEMPLATE_DB, withDatabase } from './pg-urls.ts';

/**
 * For the PostgreSQL project: migrate a template database once, so every test file can clone
 * its own database from it in milliseconds (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const admin = await openDatabase({ url: adminUrl(), poolSize: 1 });
  await admin.queryText(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.queryText(`CREATE DATABASE ${TEMPLATE_DB}`);
  const tpl = await openDatabase({ url: withDatabase(TEMPLATE_DB), poolSize: 1 });
  await migrate(tpl);
  await tpl.close();
  await admin.close();
  return async () => {
    const a = await openDatabase({ url: adminUrl(), poolSize: 1 });
    await a.queryText(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await a.close();
  };
}
