import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../tests/helpers/factories.ts';
import { Client } from '../../../tests/helpers/test-app.ts';
import { testEngine } from '../../../tests/helpers/test-db.ts';
import { runCli, type Target, Targets } from '../../cli/cli.test-support.ts';
import { loadConfig } from '../../platform/config.ts';
import { sql } from '../../platform/db/database.ts';
import { buildApp } from '../../server/app.ts';
import { buildFixture, FIXTURE } from '../fixture/fixture.ts';

/**
 * `marshrut indicators compute` run as a child process prints the same figures the API gives for
 * the same preset, territory, date and period: the fixture municipality is built, the 003 preset
 * loaded into it through the API and its live values read; then the CLI computes the preset
 * without loading it, over the same database.
 */
const engine = testEngine();
const targets = new Targets(engine);
const SLOW = 300_000;

let target: Target;
let municipalityName: string;
let apiValues: any;
let monitoringValues: any;

beforeAll(async () => {
  target = await targets.fresh();
  const migrated = await runCli(['migrate'], { env: target.env });
  expect(migrated.code).toBe(0);
  const { db, close } = await target.open();
  try {
    const fx = await buildFixture(factories(db));
    const [m] = await db.query<{ name: string }>(
      sql`SELECT name FROM municipalities WHERE id = ${fx.municipalityId}`,
    );
    municipalityName = m!.name;
    const config = { ...loadConfig({ MARSHRUT_DEMO: '0' }), logLevel: 'silent' as const };
    const app = await buildApp({ db, config, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      const methodist = new Client(`http://127.0.0.1:${port}`);
      const login = await methodist.post('/api/auth/login', {
        email: fx.users.methodist.email,
        password: fx.users.methodist.password,
      });
      expect(login.status).toBe(200);
      const loaded = await methodist.post('/api/indicator-presets/p003/load', {});
      expect(loaded.status).toBe(201);
      const setId = loaded.body.setId;
      const values = await methodist.get(
        `/api/indicator-sets/${setId}/values?asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}`,
      );
      expect(values.status).toBe(200);
      apiValues = values.body;
      const created = await methodist.post('/api/monitorings', {
        setId,
        name: 'Мониторинг 003',
        periodStart: FIXTURE.periodStart,
        periodEnd: FIXTURE.periodEnd,
        asOf: FIXTURE.asOf,
        targetYear: 2026,
      });
      expect(created.status).toBe(201);
      monitoringValues = (await methodist.get(`/api/monitorings/${created.body.id}`)).body.values;
    } finally {
      await app.close();
    }
  } finally {
    await close();
  }
}, SLOW);
afterAll(async () => targets.cleanup());

const figures = (i: any) => ({
  code: i.code,
  value: i.value,
  numerator: i.numerator,
  denominator: i.denominator,
  status: i.status,
  derived: i.derived,
  target: i.target,
  targetStatus: i.targetStatus,
});

describe(`marshrut indicators compute on ${engine}`, () => {
  it(
    'JSON: the same figures as the API’s values and a monitoring of the loaded preset',
    async () => {
      const run = await runCli(
        [
          'indicators',
          'compute',
          '--preset',
          '003',
          '--as-of',
          FIXTURE.asOf,
          '--period-start',
          FIXTURE.periodStart,
          '--period-end',
          FIXTURE.periodEnd,
          '--municipality',
          municipalityName,
          '--format',
          'json',
        ],
        { env: target.env },
      );
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out).toMatchObject({
        preset: { code: 'p003' },
        territory: { level: 'municipality', name: municipalityName },
        asOf: FIXTURE.asOf,
        periodStart: FIXTURE.periodStart,
        periodEnd: FIXTURE.periodEnd,
      });
      expect(out.indicators.length).toBe(apiValues.indicators.length);
      expect(out.indicators.length).toBeGreaterThanOrEqual(25);
      expect(out.indicators.map(figures)).toEqual(apiValues.indicators.map(figures));
      expect(out.indicators.map(figures)).toEqual(monitoringValues.indicators.map(figures));
      // Something was actually computed: derived figures with a denominator.
      expect(out.indicators.filter((i: any) => i.derived && i.status === 'ok').length).toBeGreaterThan(5);
    },
    SLOW,
  );

  it(
    'table: a header and one line per indicator; a wrong preset or date is a Russian error with exit 1',
    async () => {
      const run = await runCli(
        [
          'indicators',
          'compute',
          '--preset',
          'p003',
          '--as-of',
          FIXTURE.asOf,
          '--municipality',
          municipalityName,
        ],
        { env: target.env },
      );
      expect(run.code).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[1]).toMatch(/^Код\s+Значение\s+Цель 2026\s+Статус/);
      expect(lines.length).toBe(2 + apiValues.indicators.length);

      const bad = await runCli(['indicators', 'compute', '--preset', '999', '--as-of', FIXTURE.asOf], {
        env: target.env,
      });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('Пресет «999» не найден');
      const badDate = await runCli(['indicators', 'compute', '--preset', '003', '--as-of', '30.09.2026'], {
        env: target.env,
      });
      expect(badDate.code).toBe(1);
      expect(badDate.stderr).toContain('ГГГГ-ММ-ДД');
    },
    SLOW,
  );
});
