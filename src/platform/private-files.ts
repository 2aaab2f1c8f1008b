import { open } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';

/**
 * The files Маршрут writes hold personal data (the database, backups, exports), so they are for
 * the account the process runs as only: folders 0700, files 0600.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** The umask that gives every file and folder the process creates no group or other access. */
export const PRIVATE_UMASK = 0o077;

/**
 * Sets the process umask to 0077; called first thing by the server and by `marshrut`, before
 * anything opens a file. A worker thread may not change the umask (it is the process's), so
 * there it does nothing.
 */
export function setPrivateUmask(): void {
  if (isMainThread) process.umask(PRIVATE_UMASK);
}

/**
 * Writes `data` to `file` readable by the owner only: a new file is created 0600, an existing
 * one is set to 0600 before its new content goes in.
 */
export async function writePrivateFile(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}
