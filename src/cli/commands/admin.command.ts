import { passwordProblem } from '../../platform/auth/password.ts';
import { createAdmin } from '../../platform/users/bootstrap-admin.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { readNewPassword } from '../prompt.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function adminCreateCommand(
  io: CliIo,
  opts: { email: string; password?: string; name: string },
): Promise<number> {
  const email = opts.email.trim();
  if (!EMAIL.test(email)) throw new CliError(`Неверный адрес электронной почты: «${email}».`);
  const name = opts.name.trim() || 'Администратор';
  let password = opts.password ?? '';
  return withDatabase(
    'admin create',
    io,
    async (db) => {
      const created = await createAdmin(db, { email, password, fullName: name });
      if (!created)
        throw new CliError(`Пользователь с адресом ${email} уже существует; его пароль не изменён.`);
      io.out(`Создан администратор ${email} (${name}).`);
      return 0;
    },
    {
      migrate: true,
      beforeOpen: async () => {
        if (opts.password === undefined) password = await readNewPassword();
        const problem = passwordProblem(password);
        if (problem) throw new CliError(problem);
      },
    },
  );
}
