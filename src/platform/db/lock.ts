import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files.ts';

/**
 * PGlite takes no lock on its folder and a second process opening it can corrupt it, so the
 * process that opens MARSHRUT_DATA_DIR holds this lock file for as long as it runs.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holder: string,
  ) {
    super(
      `Папка базы данных ${dataDir} уже открыта другим процессом (${holder}, PID ${holderPid}). ` +
        'Встроенная база PGlite допускает только один процесс: остановите сервер и повторите команду, ' +
        'либо используйте PostgreSQL (переменная DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string, holder: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = path.join(dataDir, 'marshrut.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
      writeSync(fd, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        rmSync(file, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let info: { pid?: number; holder?: string } = {};
      try {
        info = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // an unreadable lock file is treated as stale
      }
      if (info.pid && info.pid !== process.pid && alive(info.pid)) {
        throw new DataDirLockedError(dataDir, info.pid, info.holder ?? 'marshrut');
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Не удалось заблокировать папку ${dataDir}`);
}
