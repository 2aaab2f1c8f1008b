import { defineConfig } from 'vitest/config';

const integration = (name: string, db: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['src/**/*.int.test.ts', 'tests/integration/**/*.int.test.ts'],
    // A file about one engine only says so in its name (`*.pglite.int.test.ts`,
    // `*.postgres.int.test.ts`) and is left out of the other project instead of skipping there.
    exclude: [
      '**/node_modules/**',
      db === 'postgres' ? '**/*.pglite.int.test.ts' : '**/*.postgres.int.test.ts',
    ],
    env: { MARSHRUT_TEST_DB: db },
    // Each file starts from a database migrated once per run (a template), not migrated afresh.
    globalSetup: [
      db === 'postgres' ? 'tests/helpers/global-setup-postgres.ts' : 'tests/helpers/global-setup-pglite.ts',
    ],
    // Sized for 2 cores shared with other work: a test here takes seconds when the machine is
    // quiet and ten times that when it is not. Slow files (the CLI's child processes) set more.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

// PostgreSQL runs when TEST_DATABASE_URL names a server (CI always sets it); PGlite always runs.
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          // A few build a region of 50 000 people: seconds alone, a minute on a busy machine.
          testTimeout: 60_000,
        },
      },
      integration('integration-pglite', 'pglite'),
      ...(withPostgres ? [integration('integration-postgres', 'postgres')] : []),
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.browser.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts', 'tests/helpers/global-setup-pglite.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
