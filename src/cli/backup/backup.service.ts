import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline, type Writable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Db } from '../../platform/db/database.ts';
import { PRIVATE_FILE_MODE } from '../../platform/private-files.ts';
import {
  authenticates,
  BackupDecryptError,
  decryptedStream,
  encryptingStream,
  type UnlockedBackup,
} from './backup.crypto.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupEnd,
  BackupFormatError,
  type BackupHeader,
  loadOrder,
  parseHeader,
  parseLine,
  sameSchema,
} from './backup.format.ts';
import {
  analyzeAll,
  countRows,
  hasMigrationsTable,
  insertRows,
  listMigrations,
  listTables,
  nonEmptyTables,
  readTable,
  resetSequences,
  setPortableSession,
  type TableInfo,
} from './backup.repository.ts';

/** A backup or restore that cannot go on, with a message for the person at the console. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const READ_CHUNK = 5000;
const WRITE_CHUNK = 2000;

async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

export interface BackupSummary {
  file: string;
  tables: number;
  rows: Record<string, number>;
  migrations: string[];
}

export interface CreateBackupOptions {
  /** Encrypt the file (AES-256-GCM, key by scrypt) with this passphrase; see backup.crypto.ts. */
  passphrase?: string | undefined;
}

/**
 * Writes a consistent snapshot of every table to `file` (gzipped JSON lines, see
 * backup.format.ts; encrypted when a passphrase is given): one REPEATABLE READ, read-only
 * transaction; written to a temporary file and renamed, so a failed backup never leaves a half
 * file under the final name. The file holds personal data and password hashes: it is created
 * 0600, and the rename replaces an existing file (--force) with it.
 */
export async function createBackup(
  db: Db,
  file: string,
  opts: CreateBackupOptions = {},
): Promise<BackupSummary> {
  if (!(await hasMigrationsTable(db)))
    throw new BackupError('База данных пуста (миграции не применялись): сохранять нечего.');
  const partial = `${file}.partial`;
  const seal = opts.passphrase !== undefined ? await encryptingStream(opts.passphrase) : null;
  // A partial file left by a failed run is removed, so the new one is created with our mode.
  await rm(partial, { force: true });
  const gzip = createGzip({ level: 6 });
  const sink = createWriteStream(partial, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  const piped = seal ? pipelineAsync(gzip, seal, sink) : pipelineAsync(gzip, sink);
  piped.catch(() => undefined); // awaited below; a failure before that is handled by the catch
  try {
    const summary = await db.transaction(async (tx) => {
      await tx.queryText('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await setPortableSession(tx);
      const migrations = await listMigrations(tx);
      const tables = await listTables(tx);
      const byName = new Map(tables.map((t) => [t.name, t]));
      const order = loadOrder(tables);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        engine: tx.kind,
        migrations,
        tables: order,
      };
      await writeLine(gzip, JSON.stringify(header));
      const rows: Record<string, number> = {};
      for (const name of order) {
        const table = byName.get(name)!;
        await writeLine(gzip, JSON.stringify({ table: name, columns: table.columns.map((c) => c.name) }));
        let n = 0;
        for await (const chunk of readTable(tx, table, READ_CHUNK)) {
          for (const line of chunk) await writeLine(gzip, line);
          n += chunk.length;
        }
        rows[name] = n;
      }
      const end: BackupEnd = { end: true, rows };
      await writeLine(gzip, JSON.stringify(end));
      return { tables: order.length, rows, migrations: migrations.map((m) => m.tag) };
    });
    gzip.end();
    await piped;
    await chmod(partial, PRIVATE_FILE_MODE);
    await rename(partial, file);
    return { file, ...summary };
  } catch (err) {
    gzip.destroy();
    seal?.destroy();
    sink.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}

export interface RestoreSummary {
  tables: number;
  rows: Record<string, number>;
  sequences: number;
  header: BackupHeader;
}

/** Reads a backup's header without touching any database; an encrypted one once unlocked. */
export async function readBackupHeader(file: string, unlocked?: UnlockedBackup): Promise<BackupHeader> {
  const lines = openLines(file, unlocked);
  try {
    const first = await lines.next();
    return parseHeader(first.done ? undefined : first.value);
  } catch (err) {
    throw await trueCause(err, unlocked);
  } finally {
    await lines.return?.(undefined);
  }
}

/**
 * What to report when reading an encrypted file failed before its end: the data is not yet
 * authenticated, so a changed byte may show as anything (a broken line, a value the database
 * refuses). If the file does not authenticate, that is the cause; otherwise the error itself.
 */
async function trueCause(err: unknown, unlocked: UnlockedBackup | undefined): Promise<unknown> {
  if (!unlocked || err instanceof BackupDecryptError) return err;
  return (await authenticates(unlocked)) ? err : new BackupDecryptError();
}

/**
 * The backup's lines, decrypted first when the file is encrypted. The streams are joined by
 * pipeline, so a failure anywhere — the tag at the end of an encrypted file, a broken gzip —
 * reaches the reader as an error from next(), never as a quiet end of the lines.
 */
function openLines(file: string, unlocked?: UnlockedBackup): AsyncIterator<string> {
  const source = unlocked ? decryptedStream(unlocked) : createReadStream(file);
  const input = createGunzip();
  pipeline(source, input, () => undefined);
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const it = rl[Symbol.asyncIterator]();
  // A file that is not gzip fails on read: say so in words.
  return {
    next: async () => {
      try {
        return await it.next();
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // Past the key check a broken gzip stream inside an encrypted file means it was changed.
        if ((code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') && unlocked) throw new BackupDecryptError();
        if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
          throw new BackupFormatError('Файл не является резервной копией Маршрута (не gzip или повреждён).');
        if (code === 'ENOENT') throw new BackupError(`Файл ${file} не найден.`);
        throw err;
      }
    },
    return: async () => {
      rl.close();
      input.destroy();
      return { done: true, value: undefined };
    },
  };
}

/**
 * Loads a backup into an empty database migrated to the same schema version: every table in
 * the file's order (referenced tables first) in one transaction, then every sequence set past
 * the restored ids. Anything unexpected — a non-empty table, another schema version, a
 * truncated file, a count that does not match — rolls the whole restore back. An encrypted
 * file (`unlocked`) is decrypted as it is read and authenticated only at its end: a changed
 * byte fails the last read, still inside the transaction, so nothing of it is committed.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  opts: { unlocked?: UnlockedBackup | undefined } = {},
): Promise<RestoreSummary> {
  const lines = openLines(file, opts.unlocked);
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value);
    if (!(await hasMigrationsTable(db)))
      throw new BackupError('База данных не подготовлена: сначала выполните «marshrut migrate».');
    const current = (await listMigrations(db)).map((m) => m.tag);
    const saved = header.migrations.map((m) => m.tag);
    if (!sameSchema(current, saved))
      throw new BackupError(
        `Версия схемы не совпадает: в копии миграции до ${saved.at(-1) ?? '—'} (${saved.length}), ` +
          `в базе — до ${current.at(-1) ?? '—'} (${current.length}). Восстановите копию той версией Маршрута, ` +
          'которой она сделана, затем обновите программу и выполните «marshrut migrate».',
      );
    const tables = await listTables(db);
    const target = new Map(tables.map((t) => [t.name, t]));
    const missing = header.tables.filter((t) => !target.has(t));
    if (missing.length) throw new BackupError(`В базе нет таблиц из копии: ${missing.join(', ')}.`);
    const busy = await nonEmptyTables(
      db,
      tables.map((t) => t.name),
    );
    if (busy.length)
      throw new BackupError(
        `База данных не пуста (есть данные в таблицах: ${busy.join(', ')}). Восстановление выполняется ` +
          'только в пустую базу: укажите новую папку MARSHRUT_DATA_DIR или новую базу PostgreSQL в DATABASE_URL.',
      );

    const summary = await db.transaction(async (tx) => {
      await setPortableSession(tx);
      const loaded = new Set<string>();
      const rows: Record<string, number> = {};
      let table: TableInfo | null = null;
      let columns: { name: string; type: string }[] = [];
      let buffer: (string | null)[][] = [];
      let end: BackupEnd | null = null;
      const flush = async () => {
        if (table && buffer.length) await insertRows(tx, table.name, columns, buffer);
        buffer = [];
      };
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        if (!next.value) continue;
        const line = parseLine(next.value);
        if (end) throw new BackupFormatError('Резервная копия повреждена: данные после конца.');
        if (line.kind === 'row') {
          if (!table) throw new BackupFormatError('Резервная копия повреждена: строка вне таблицы.');
          if (line.values.length !== columns.length)
            throw new BackupFormatError(
              `Резервная копия повреждена: неверное число полей в таблице ${table.name}.`,
            );
          buffer.push(line.values);
          rows[table.name] = (rows[table.name] ?? 0) + 1;
          if (buffer.length >= WRITE_CHUNK) await flush();
        } else if (line.kind === 'table') {
          await flush();
          const t = target.get(line.start.table);
          if (!t) throw new BackupError(`В базе нет таблицы ${line.start.table}.`);
          const early = t.dependsOn.filter(
            (d) => d !== t.name && header.tables.includes(d) && !loaded.has(d),
          );
          if (early.length)
            throw new BackupFormatError(
              `Резервная копия повреждена: таблица ${t.name} идёт раньше ${early.join(', ')}.`,
            );
          columns = line.start.columns.map((name) => {
            const c = t.columns.find((x) => x.name === name);
            if (!c) throw new BackupError(`В таблице ${t.name} нет столбца ${name}.`);
            return c;
          });
          table = t;
          loaded.add(t.name);
          rows[t.name] = rows[t.name] ?? 0;
        } else {
          await flush();
          end = line.end;
        }
      }
      if (!end) throw new BackupFormatError('Резервная копия обрывается: файл неполный.');
      for (const [name, n] of Object.entries(end.rows)) {
        if ((rows[name] ?? 0) !== n || (await countRows(tx, name)) !== n)
          throw new BackupFormatError(`Резервная копия повреждена: в таблице ${name} не то число строк.`);
      }
      const sequences = await resetSequences(tx);
      return { tables: loaded.size, rows, sequences, header };
    });
    await analyzeAll(db);
    return summary;
  } catch (err) {
    throw await trueCause(err, opts.unlocked);
  } finally {
    await lines.return?.(undefined);
  }
}
