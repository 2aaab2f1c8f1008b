/** The server's password rule, repeated here so the form can say it before submitting. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_HINT = `Не короче ${PASSWORD_MIN_LENGTH} символов, буквы и цифры`;

export function passwordProblem(password: string, repeat: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов.`;
  if (!/\d/.test(password) || !/[^\d]/.test(password)) return 'Пароль должен содержать буквы и цифры.';
  if (password !== repeat) return 'Пароли не совпадают.';
  return null;
}
