/**
 * How the UI talks to the server: same-origin fetch with the session cookie, JSON in and out,
 * and every failure turned into an ApiError that carries the server's Russian message. The typed
 * client (client.ts) is built on the same error handling; `api` below is for the few routes the
 * OpenAPI document does not describe yet, plus uploads and downloads.
 */

export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string; issues?: ApiIssue[] };
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly issues: ApiIssue[] = [],
    /** The whole body, for answers that carry more than the error (an import report with 422). */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNotFoundOrForbidden(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

/**
 * Paths whose 401 the caller handles itself: a wrong password is an answer to show, and the
 * session check routes to the sign-in page without a reload.
 */
const AUTH_ANSWERS = ['/api/auth/login', '/api/auth/invitations', '/api/auth/password', '/api/auth/me'];

function onUnauthorized(path: string): void {
  if (AUTH_ANSWERS.some((p) => path.startsWith(p))) return;
  const here = window.location.pathname;
  if (here === '/login' || here.startsWith('/invite/')) return;
  const next = encodeURIComponent(here + window.location.search);
  window.location.assign(`/login?next=${next}`);
}

export async function toApiError(res: Response, path: string): Promise<ApiError> {
  const requestId = res.headers.get('x-request-id') ?? undefined;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (res.status === 401) onUnauthorized(path);
  const err = (body as ApiErrorBody | undefined)?.error;
  if (err && typeof err.message === 'string') {
    return new ApiError(
      res.status,
      err.code,
      err.message,
      err.requestId ?? requestId,
      err.issues ?? [],
      body,
    );
  }
  const fallback =
    res.status >= 500
      ? 'Сервер не смог выполнить запрос. Попробуйте ещё раз или сообщите администратору.'
      : `Запрос не выполнен (код ${res.status}).`;
  return new ApiError(res.status, 'http_error', fallback, requestId, [], body);
}

/** The error a failed fetch (no answer at all) becomes. */
export function networkError(): ApiError {
  return new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к сети.', undefined);
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `?a=1&b=2`, leaving out empty values. */
export function toQuery(params: Query | URLSearchParams | undefined): string {
  const s = toQueryString(params);
  return s ? `?${s}` : '';
}

/** The same without the `?`; leaves out empty values (and `false`, which the API reads as absent). */
export function toQueryString(params: Query | URLSearchParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    search.set(k, String(v));
  }
  return search.toString();
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (body !== undefined) {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path + toQuery(query), init);
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await toApiError(res, path);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Uploads one file as multipart field `file`, reporting progress (fetch cannot report upload
 * progress, XMLHttpRequest can). Resolves with the parsed JSON of a 2xx answer; rejects with
 * an ApiError whose `body` holds the whole answer (an import report arrives with 422).
 */
export function uploadFile<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) onUnauthorized(path);
      const requestId = xhr.getResponseHeader('x-request-id') ?? undefined;
      const err = (body as ApiErrorBody | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? 'http_error',
          err?.message ??
            (xhr.status === 413 ? 'Файл слишком велик.' : `Загрузка не выполнена (код ${xhr.status}).`),
          err?.requestId ?? requestId,
          err?.issues ?? [],
          body,
        ),
      );
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Saves a table the page already shows as an Excel workbook: the server writes it
 * (`POST /api/export/table`), so ExcelJS never loads in the browser.
 */
export async function downloadXlsx(fileName: string, header: string[], rows: unknown[][]): Promise<void> {
  const cells = rows.map((r) =>
    r.map((v) => (v === undefined || v === '' ? null : typeof v === 'object' && v !== null ? String(v) : v)),
  );
  let res: Response;
  try {
    res = await fetch('/api/export/table', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName, header, rows: cells }),
    });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await toApiError(res, '/api/export/table');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${fileName.replace(/\.(csv|xlsx)$/i, '')}.xlsx`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The same, from a button: a failure is shown to the user instead of vanishing in the console. */
export function saveXlsx(fileName: string, header: string[], rows: unknown[][]): void {
  downloadXlsx(fileName, header, rows).catch((e: unknown) => {
    window.alert(`Не удалось сохранить XLSX: ${e instanceof Error ? e.message : String(e)}`);
  });
}
