import { CliError } from './cli-error.ts';

/** Reads all of stdin (a password piped in: `echo … | marshrut admin create …`); first line only. */
export async function readStdinLine(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

/** Asks for a password on the terminal without echoing it. */
export function promptHidden(question: string, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const stderr = process.stderr;
  return new Promise((resolve, reject) => {
    let value = '';
    stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new CliError('Прервано.', 130)); // Ctrl+C
        if (ch === '\u0004') return done(null); // Ctrl+D
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The password for a new account: prompted twice on a terminal, else read from stdin. */
export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await promptHidden('Пароль: ');
  const second = await promptHidden('Повторите пароль: ');
  if (first !== second) throw new CliError('Пароли не совпадают.');
  return first;
}

/** Where `marshrut backup --encrypt` and `marshrut restore` take the passphrase from when it is set. */
export const BACKUP_PASSPHRASE_ENV = 'MARSHRUT_BACKUP_PASSPHRASE';
const MIN_PASSPHRASE = 8;

/**
 * The passphrase of an encrypted backup: from MARSHRUT_BACKUP_PASSPHRASE when it is set, else
 * asked on the terminal without echo — twice for a new backup (`confirm`). Without either the
 * command cannot go on: a passphrase is never read from piped stdin, nor guessed.
 */
export async function readBackupPassphrase(
  opts: { confirm: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  let passphrase = env[BACKUP_PASSPHRASE_ENV] ?? '';
  if (!passphrase) {
    if (!process.stdin.isTTY)
      throw new CliError(
        `Не задана парольная фраза резервной копии: укажите её в переменной окружения ${BACKUP_PASSPHRASE_ENV} ` +
          'или запустите команду в терминале, чтобы ввести её.',
      );
    passphrase = await promptHidden('Парольная фраза резервной копии: ');
    if (opts.confirm && passphrase.length >= MIN_PASSPHRASE) {
      const again = await promptHidden('Повторите парольную фразу: ');
      if (again !== passphrase) throw new CliError('Парольные фразы не совпадают.');
    }
  }
  if (opts.confirm && passphrase.length < MIN_PASSPHRASE)
    throw new CliError(`Парольная фраза должна быть не короче ${MIN_PASSPHRASE} символов.`);
  if (!passphrase) throw new CliError('Парольная фраза не введена.');
  return passphrase;
}
