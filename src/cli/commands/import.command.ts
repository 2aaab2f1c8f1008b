import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importResults } from '../../assessment/results/results.import.ts';
import { importFile } from '../../directory/import/import.service.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { findUserByEmail, toActor } from '../../platform/auth/auth.repository.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import { emitAndReport, withJobs } from '../cli-jobs.ts';
import { formatImportReport, type ImportKindArg, importExitCode } from '../import-report.ts';
import type { CliIo } from '../io.ts';
import { regionForImport } from './setup.command.ts';

export interface ImportCommandOptions {
  dryRun: boolean;
  skipInvalid: boolean;
  /** assessment-results: the framework's code or id. */
  framework?: string | undefined;
  /** assessment-results: the campaign the results belong to. */
  campaign?: string | undefined;
  /** The region to import into (name or code); for organizations it is created when missing. */
  region?: string | undefined;
  /** orgs: the code of a region created by the import. */
  regionCode?: string | undefined;
  /** The e-mail of the user to import as (their role, scope and signature); else the system administrator. */
  as?: string | undefined;
}

/** Undoes the transaction of an import that created its region but wrote nothing. */
class NothingWritten extends Error {
  constructor(readonly report: Parameters<typeof formatImportReport>[0]) {
    super('nothing written');
  }
}

/**
 * Who the import acts as: a named active user — the same role and scope rules as in the web — or,
 * by default, the system administrator (whoever runs the command already holds the database).
 */
async function importingActor(db: Db, email: string | undefined): Promise<Actor | null> {
  if (!email) return null;
  const user = await findUserByEmail(db, email);
  if (!user?.active) throw new CliError(`Пользователь ${email} не найден или отключён.`);
  return toActor(user);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The framework named on the command line: by id, or by code — the system preset when its code
 * is taken by copies too, else the only framework with that code.
 */
async function resolveFramework(db: Db, ref: string): Promise<string> {
  const rows = await db.query<{ id: string; owner_level: string; name: string }>(
    UUID.test(ref)
      ? sql`SELECT id, owner_level::text, name FROM competency_frameworks WHERE id = ${ref}::uuid`
      : sql`SELECT id, owner_level::text, name FROM competency_frameworks WHERE lower(code) = lower(${ref})
            ORDER BY (owner_level = 'system') DESC, created_at`,
  );
  if (rows.length === 0)
    throw new CliError(
      `Карта компетенций «${ref}» не найдена. Укажите код (например, teacher-544n) или идентификатор.`,
    );
  const system = rows.filter((r) => r.owner_level === 'system');
  if (system.length === 1 || rows.length === 1) return (system[0] ?? rows[0])!.id;
  throw new CliError(
    `Код «${ref}» есть у нескольких карт компетенций; укажите идентификатор: ${rows
      .map((r) => `${r.id} (${r.name})`)
      .join(', ')}.`,
  );
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `Файл не найден: ${file}`
        : `Не удалось прочитать файл ${file}: ${(err as Error).message}`,
    );
  }
}

export async function importCommand(
  io: CliIo,
  kind: ImportKindArg,
  file: string,
  opts: ImportCommandOptions,
): Promise<number> {
  if (kind === 'assessment-results' && !opts.framework)
    throw new CliError(
      'Для результатов диагностики укажите карту компетенций: --framework <код или id>, например --framework teacher-544n.',
    );
  if (kind !== 'assessment-results' && (opts.framework || opts.campaign))
    throw new CliError('Параметры --framework и --campaign нужны только для вида assessment-results.');
  if (kind === 'assessment-results' && opts.region)
    throw new CliError('Параметр --region не нужен для вида assessment-results.');
  if (opts.regionCode && !(kind === 'orgs' && opts.region))
    throw new CliError('Параметр --region-code нужен только вместе с --region для вида orgs.');
  if (opts.campaign && !UUID.test(opts.campaign))
    throw new CliError(`Идентификатор кампании «${opts.campaign}» записан неверно.`);
  const data = await readInput(file);
  const fileName = path.basename(file);
  const mode = opts.skipInvalid ? 'valid' : 'all';
  return withDatabase(
    `import ${kind}`,
    io,
    async (db) => {
      const actor = await importingActor(db, opts.as);
      let report: Parameters<typeof formatImportReport>[0];
      let frameworkId: string | undefined;
      try {
        if (kind === 'assessment-results') {
          frameworkId = await resolveFramework(db, opts.framework!);
          report = await importResults(db, {
            actor: actor ?? SYSTEM_ACTOR,
            frameworkId,
            campaignId: opts.campaign ?? null,
            fileName,
            data,
            mode,
            dryRun: opts.dryRun,
          });
        } else if (opts.region) {
          // The region and the file go in one transaction: a region the import creates stays only
          // if the file is written (not on a dry run, nor when the file is refused).
          report = await db
            .transaction(async (tx) => {
              const region = await regionForImport(tx, opts.region!, {
                create: kind === 'orgs' && !actor,
                code: opts.regionCode,
              });
              const r = await importFile(
                { db: tx },
                { actor, kind, fileName, data, mode, dryRun: opts.dryRun, regionId: region.id },
              );
              if (region.created && !r.committed) throw new NothingWritten(r);
              if (region.created) io.info(`Регион «${region.name}» создан (код ${region.code}).`);
              return r;
            })
            .catch((err: unknown) => {
              if (!(err instanceof NothingWritten)) throw err;
              io.info(
                opts.dryRun
                  ? `Региона «${opts.region}» ещё нет: он будет создан при загрузке файла.`
                  : `Регион «${opts.region}» не создан: файл не загружен.`,
              );
              return err.report;
            });
        } else {
          report = await importFile({ db }, { actor, kind, fileName, data, mode, dryRun: opts.dryRun });
        }
      } catch (err) {
        // The services' refusals (no right to import, unknown campaign, unreadable file) are
        // messages for the person.
        if (err instanceof AppError) throw new CliError(err.message);
        throw err;
      }
      for (const line of formatImportReport(report, { kind, fileName, ...opts })) io.out(line);
      if (kind === 'assessment-results' && 'results' in report && (report.committed || opts.dryRun))
        io.out(
          `Результатов по компетенциям ${report.committed ? 'записано' : 'было бы записано'}: ${report.results}.`,
        );
      // The same event as the web's import: committed results start route generation.
      const results = 'results' in report ? Number(report.results) : 0;
      if (kind === 'assessment-results' && report.committed && !opts.dryRun && results > 0) {
        await withJobs(db, (runtime) =>
          emitAndReport(
            io,
            runtime,
            'assessment.results-imported',
            { frameworkId: frameworkId!, campaignId: opts.campaign ?? null, results },
            actor ?? SYSTEM_ACTOR,
            {
              kind: 'route-generation',
              label: 'Формирование маршрутов',
              describe: (r) =>
                `создано ${Number(r.routesCreated ?? 0)}, пересобрано ${Number(r.routesRegenerated ?? 0)}`,
            },
          ),
        );
      }
      return importExitCode(report);
    },
    { migrate: true },
  );
}
