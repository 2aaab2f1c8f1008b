import { chmodSync, type Dirent, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files.ts';

/** The data folder's access could not be restricted (e.g. its files belong to another account). */
export class DataDirAccessError extends Error {
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    super(
      `Не удалось закрыть доступ к папке базы данных ${dataDir} для других пользователей ` +
        `(${(cause as Error).message}). В ней персональные данные: папка и всё в ней должны принадлежать ` +
        'учётной записи, от имени которой работает Маршрут (chown -R), — тогда права 0700/0600 выставятся сами.',
    );
    this.name = 'DataDirAccessError';
  }
}

/**
 * Makes a PGlite data folder the owner's only: the folder and every folder in it 0700, every file
 * 0600. PGlite (through Emscripten) writes most of a new folder's files 0666 whatever the umask,
 * and folders of older installations are loose too, so this runs on every open of a data folder,
 * once PGlite is ready and again after it closes (PostgreSQL writes a few files at start and at
 * shutdown). Symbolic links inside are left alone (their targets are not ours to change); a
 * missing folder is nothing to do. Only modes that differ are changed.
 */
export function makeDataDirPrivate(dataDir: string): void {
  try {
    const root = statSync(dataDir, { throwIfNoEntry: false });
    if (!root?.isDirectory()) return;
    if ((root.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dataDir, PRIVATE_DIR_MODE);
    restrictInside(dataDir);
  } catch (err) {
    throw new DataDirAccessError(dataDir, err);
  }
}

function restrictInside(dir: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    // A file removed meanwhile (PostgreSQL renames and unlinks its temporary files) is skipped.
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) continue;
    const wanted = st.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((st.mode & 0o777) !== wanted) {
      try {
        chmodSync(p, wanted);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    if (st.isDirectory()) restrictInside(p);
  }
}
