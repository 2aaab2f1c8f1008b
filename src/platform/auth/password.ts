import { hash, verify } from '@node-rs/argon2';

// argon2id (algorithm 2) with m = 19 MiB, t = 2, p = 1: the OWASP minimum DESIGN asks for.
const OPTIONS = { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-0000');
  return dummy;
}

export const PASSWORD_MIN_LENGTH = 8;

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов.`;
  if (password.length > 200) return 'Пароль слишком длинный.';
  if (!/[^\d]/.test(password) || !/\d/.test(password)) return 'Пароль должен содержать буквы и цифры.';
  return null;
}
