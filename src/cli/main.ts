import { CommanderError } from 'commander';
import { oldNodeWarning } from '../platform/node-version.ts';
import { setPrivateUmask } from '../platform/private-files.ts';
import { applyRussianValidation } from '../platform/validation/zod-russian.ts';
import { CliError, EXIT } from './cli-error.ts';
import { buildProgram } from './program.ts';

/** Runs `marshrut` with the given argv and returns the exit code; never calls process.exit. */
export async function main(argv: string[]): Promise<number> {
  // Before any file is opened: what the commands write (the database, backups, exports) is personal data.
  setPrivateUmask();
  applyRussianValidation();
  const oldNode = oldNodeWarning();
  if (oldNode) process.stderr.write(`${oldNode}\n`);
  let code: number = EXIT.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    // Commander has already printed its own (translated) message, or the help / version.
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`Ошибка: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.MARSHRUT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return EXIT.failed;
  }
}
