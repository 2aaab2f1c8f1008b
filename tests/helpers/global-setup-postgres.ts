import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { adminUrl, withDatabase } from './pg-urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

/**
 * For the PostgreSQL project: migrate a template database once, so every test file can clone
 * its own database from it in milliseconds (CREATE DATABASE … TEMPLATE). The name is this run's
 * own, so two runs on one server do not drop each other's template.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `marshrut_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = await openDatabase({ url: adminUrl(), poolSize: 1 });
  await admin.queryText(`CREATE DATABASE ${name}`);
  const tpl = await openDatabase({ url: withDatabase(name), poolSize: 1 });
  await migrate(tpl);
  await tpl.close();
  await admin.close();
  project.provide('pgTemplate', name);
  return async () => {
    const a = await openDatabase({ url: adminUrl(), poolSize: 1 });
    await a.queryText(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.close();
  };
}
