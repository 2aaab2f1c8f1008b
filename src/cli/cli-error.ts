/** Exit codes of `marshrut`: 0 done, 1 failed, 2 the database folder is held by another process. */
export const EXIT = { ok: 0, failed: 1, locked: 2 } as const;

/** A failure to report to the person at the console, in Russian, with the exit code to use. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
