/**
 * Typed application errors. Each carries a stable code, the HTTP status it maps to and a
 * Russian message for the user; the server's error handler adds the request id.
 */
export type ErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'rate_limited'
  | 'payload_too_large'
  | 'locked'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation: 422,
  rate_limited: 429,
  payload_too_large: 413,
  locked: 423,
  internal: 500,
};

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { issues?: FieldIssue[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const unauthenticated = (message = 'Войдите в систему.') => new AppError('unauthenticated', message);
export const forbidden = (message = 'Недостаточно прав для этого действия.') =>
  new AppError('forbidden', message);
export const notFound = (message = 'Запись не найдена.') => new AppError('not_found', message);
export const conflict = (message: string, details?: AppError['details']) =>
  new AppError('conflict', message, details);
export const invalid = (message: string, issues?: FieldIssue[]) =>
  new AppError('validation', message, issues ? { issues } : undefined);
