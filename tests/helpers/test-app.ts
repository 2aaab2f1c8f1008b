import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/platform/config.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { App } from '../../src/platform/http/types.ts';
import { buildApp } from '../../src/server/app.ts';
import { type Ctx, factories } from './factories.ts';
import { createTestDb } from './test-db.ts';

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
  raw: ArrayBuffer;
}

/** A real HTTP client against the listening test server, with its own cookie jar. */
export class Client {
  private cookie = '';
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, init);
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair] = c.split(';');
      if (pair?.startsWith('marshrut_sid=')) this.cookie = /Expires=Thu, 01 Jan 1970/.test(c) ? '' : pair!;
    }
    const raw = await res.arrayBuffer();
    const type = res.headers.get('content-type') ?? '';
    const text = new TextDecoder().decode(raw);
    const parsed = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: parsed as T, headers: res.headers, raw };
  }
  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
  upload<T = any>(path: string, file: { name: string; data: Uint8Array | string; type?: string }) {
    const form = new FormData();
    form.append(
      'file',
      new Blob([file.data as BlobPart], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
    return this.request<T>('POST', path, form);
  }
}

export interface TestApp {
  db: Db;
  app: App;
  baseUrl: string;
  ctx: Ctx;
  /** An anonymous client. */
  client(): Client;
  /** A client signed in as the given user. */
  login(user: { email: string; password: string }): Promise<Client>;
  close(): Promise<void>;
}

/** Starts the real app on a free loopback port over the file's own database. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const { db, drop } = await createTestDb();
  const config = { ...loadConfig({ ...env, MARSHRUT_DEMO: '0' }), logLevel: 'silent' };
  const app = await buildApp({ db, config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    db,
    app,
    baseUrl,
    ctx: factories(db),
    client: () => new Client(baseUrl),
    async login(user) {
      const c = new Client(baseUrl);
      const res = await c.post('/api/auth/login', { email: user.email, password: user.password });
      if (res.status !== 200)
        throw new Error(`login failed for ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}
