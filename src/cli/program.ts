import { readFileSync } from 'node:fs';
import { Argument, Command, Option } from 'commander';
import type { ExportFormat } from './commands/export.command.ts';
import { IMPORT_KIND_LABELS, type ImportKindArg } from './import-report.ts';
import { consoleIo } from './io.ts';
import { russify } from './russian-help.ts';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const FOOTER = `
База данных выбирается так же, как у сервера:
  DATABASE_URL        адрес PostgreSQL (postgres://…), если задан;
  MARSHRUT_DATA_DIR   иначе — папка встроенной базы PGlite (по умолчанию ./data).
Встроенную базу может открыть только один процесс: пока с ней работает сервер,
команды, которым нужна база, не выполняются (код выхода 2) — остановите сервер
или перейдите на PostgreSQL.

Коды выхода: 0 — выполнено, 1 — ошибка, 2 — база занята другим процессом.`;

const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'json'];

/**
 * The `marshrut` command line; each action returns its exit code through `setCode`. Commands
 * load their modules when they run, so `--help` does not pay for the database drivers.
 */
export function buildProgram(setCode: (code: number) => void): Command {
  const program = russify(new Command('marshrut'))
    .description(
      'Маршрут — служебные команды: база данных, администраторы, начало работы со своими данными, ' +
        'демонстрационные данные, импорт и экспорт, резервные копии.',
    )
    .version(version, '-V, --version', 'показать версию')
    .addHelpText('after', FOOTER)
    .exitOverride();

  program
    .command('migrate')
    .description('применить миграции базы данных')
    .action(async () =>
      setCode(await (await import('./commands/migrate.command.ts')).migrateCommand(consoleIo())),
    );

  const admin = program.command('admin').description('учётные записи администраторов');
  admin
    .command('create')
    .description('создать администратора системы')
    .requiredOption('--email <адрес>', 'адрес электронной почты (он же логин)')
    .option(
      '--password <пароль>',
      'пароль: не короче 8 символов, буквы и цифры; без параметра — спросить, не показывая, или прочитать из stdin',
    )
    .option('--name <ФИО>', 'имя пользователя', 'Администратор')
    .action(async (o: { email: string; password?: string; name: string }) =>
      setCode(await (await import('./commands/admin.command.ts')).adminCreateCommand(consoleIo(), o)),
    );

  program
    .command('demo')
    .description(
      'загрузить демонстрационный муниципалитет (г. Зима) с учётными записями во все роли — только в пустую базу',
    )
    .action(async () => setCode(await (await import('./commands/demo.command.ts')).demoCommand(consoleIo())));

  program
    .command('setup')
    .description(
      'начать работу со своими данными: регион, муниципалитеты и первый методист; повторный запуск ' +
        'сообщает, что уже есть, и ничего не дублирует',
    )
    .requiredOption(
      '--region <название>',
      'регион, например "Иркутская область" (код субъекта подставится сам)',
    )
    .option('--region-code <код>', 'код региона, если он не из общего перечня субъектов')
    .option(
      '--municipality <название>',
      'муниципалитет региона; можно повторить для нескольких',
      (value: string, all: string[] | undefined) => [...(all ?? []), value],
    )
    .option(
      '--methodist-email <адрес>',
      'создать учётную запись методиста первого из перечисленных муниципалитетов и напечатать ссылку для установки пароля',
    )
    .option('--methodist-name <ФИО>', 'имя методиста', 'Методист')
    .addHelpText(
      'after',
      `
Пример: marshrut setup --region "Иркутская область" --municipality "г. Зима" --municipality "Зиминский район" --methodist-email metodist@zima.ru
Затем: marshrut import orgs организации.xlsx, import staff, import vacancies, import staffing.`,
    )
    .action(
      async (o: {
        region: string;
        regionCode?: string;
        municipality: string[];
        methodistEmail?: string;
        methodistName?: string;
      }) => setCode(await (await import('./commands/setup.command.ts')).setupCommand(consoleIo(), o)),
    );

  program
    .command('import')
    .description(
      `загрузить таблицу .xlsx или .csv: ${Object.entries(IMPORT_KIND_LABELS)
        .map(([k, v]) => `${k} — ${v}`)
        .join(', ')}`,
    )
    .addArgument(new Argument('<вид>', 'что загружается').choices(Object.keys(IMPORT_KIND_LABELS)))
    .argument('<файл>', 'путь к файлу')
    .option('--dry-run', 'только проверить файл, ничего не записывая')
    .option('--skip-invalid', 'записать верные строки, пропустив строки с ошибками')
    .addOption(
      new Option(
        '--mode <режим>',
        'all — всё или ничего, valid — только верные строки (то же, что --skip-invalid)',
      ).choices(['all', 'valid']),
    )
    .option(
      '--framework <код|id>',
      'для assessment-results: карта компетенций, по кодам которой названы столбцы (например, teacher-544n)',
    )
    .option('--campaign <id>', 'для assessment-results: кампания диагностики, к которой относятся результаты')
    .option(
      '--region <название|код>',
      'регион загрузки; для orgs недостающий регион создаётся (если загружает администратор системы, без --as)',
    )
    .option(
      '--region-code <код>',
      'для orgs: код создаваемого региона, если он не из общего перечня субъектов',
    )
    .option(
      '--as <адрес>',
      'загрузить от имени пользователя (его роль и область доступа, его подпись в журнале); без параметра — от имени администратора системы',
    )
    .addHelpText(
      'after',
      `
Пример: marshrut import orgs организации.xlsx --region "Иркутская область"
Пример: marshrut import assessment-results docs/samples/regional-results-zima.xlsx --framework teacher-544n --mode valid`,
    )
    .action(
      async (
        kind: ImportKindArg,
        file: string,
        o: {
          dryRun?: boolean;
          skipInvalid?: boolean;
          mode?: 'all' | 'valid';
          framework?: string;
          campaign?: string;
          region?: string;
          regionCode?: string;
          as?: string;
        },
      ) =>
        setCode(
          await (await import('./commands/import.command.ts')).importCommand(consoleIo(), kind, file, {
            dryRun: o.dryRun === true,
            skipInvalid: o.skipInvalid === true || o.mode === 'valid',
            framework: o.framework,
            campaign: o.campaign,
            region: o.region,
            regionCode: o.regionCode,
            as: o.as,
          }),
        ),
    );

  program
    .command('worker')
    .description(
      'выполнять фоновые задания (формирование маршрутов, закрытие мониторингов, очистка сеансов) в ' +
        'отдельном процессе — для сервера, запущенного с MARSHRUT_JOBS=off; работает до Ctrl+C',
    )
    .action(async () =>
      setCode(await (await import('./commands/worker.command.ts')).workerCommand(consoleIo())),
    );

  const exp = program.command('export').description('выгрузить данные');
  exp
    .command('staff')
    .description('выгрузить список педагогических кадров (всех, без фильтров)')
    .addOption(new Option('--format <формат>', 'формат файла').choices(EXPORT_FORMATS).default('xlsx'))
    .option(
      '--out <файл>',
      'куда записать; без параметра csv и json идут в стандартный вывод, xlsx — в файл в текущей папке',
    )
    .action(async (o: { format: ExportFormat; out?: string }) =>
      setCode(
        await (await import('./commands/export.command.ts')).exportStaffCommand(
          consoleIo({ dataOnStdout: !o.out && o.format !== 'xlsx' }),
          o,
        ),
      ),
    );

  program
    .command('backup')
    .description(
      'сделать резервную копию всей базы: один файл (.gz, с --encrypt — зашифрованный), переносимый ' +
        'между PGlite и PostgreSQL; файл доступен только владельцу (0600)',
    )
    .argument('<файл>', 'куда записать копию, например marshrut-2026-11-23.jsonl.gz')
    .option('--force', 'перезаписать существующий файл')
    .option(
      '--encrypt',
      'зашифровать копию (AES-256-GCM) парольной фразой: из переменной MARSHRUT_BACKUP_PASSPHRASE, ' +
        'а если она не задана — спросить дважды, не показывая',
    )
    .addHelpText(
      'after',
      `
Пример: MARSHRUT_BACKUP_PASSPHRASE='…' marshrut backup --encrypt marshrut-2026-11-23.jsonl.gz.enc
Без парольной фразы зашифрованную копию восстановить нельзя: храните её отдельно от копии.`,
    )
    .action(async (file: string, o: { force?: boolean; encrypt?: boolean }) =>
      setCode(
        await (await import('./commands/backup.command.ts')).backupCommand(consoleIo(), file, {
          force: o.force === true,
          encrypt: o.encrypt === true,
        }),
      ),
    );

  program
    .command('restore')
    .description(
      'восстановить резервную копию в пустую базу той же версии схемы; зашифрованную копию команда ' +
        'узнаёт сама и берёт парольную фразу из MARSHRUT_BACKUP_PASSPHRASE или спрашивает её',
    )
    .argument('<файл>', 'файл резервной копии')
    .action(async (file: string) =>
      setCode(await (await import('./commands/backup.command.ts')).restoreCommand(consoleIo(), file)),
    );

  const indicators = program.command('indicators').description('показатели мониторинга');
  indicators
    .command('compute')
    .description(
      'рассчитать показатели пресета (003, 000, 001, 002) на дату для территории, не загружая пресет',
    )
    .requiredOption('--preset <код>', 'пресет: p003, p000, p001, p002 (или 003, 000, …)')
    .requiredOption('--as-of <дата>', 'дата среза, ГГГГ-ММ-ДД')
    .option('--municipality <название|код>', 'муниципалитет')
    .option('--region <код|название>', 'регион')
    .option('--period-start <дата>', 'начало периода (по умолчанию — 1 сентября учебного года даты среза)')
    .option('--period-end <дата>', 'конец периода (по умолчанию — дата среза)')
    .addOption(new Option('--format <формат>', 'вывод').choices(['json', 'table']).default('table'))
    .addHelpText(
      'after',
      '\nПример: marshrut indicators compute --preset 003 --as-of 2026-09-30 --municipality "г. Зима" --format json',
    )
    .action(
      async (o: {
        preset: string;
        asOf: string;
        municipality?: string;
        region?: string;
        periodStart?: string;
        periodEnd?: string;
        format: 'json' | 'table';
      }) =>
        setCode(
          await (await import('./commands/indicators.command.ts')).indicatorsComputeCommand(
            consoleIo({ dataOnStdout: o.format === 'json' }),
            o,
          ),
        ),
    );

  return program;
}
