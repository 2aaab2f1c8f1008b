import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../db/database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('sign-in', () => {
  it('answers health without a session', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses protected endpoints without a session (401, Russian message, request id)', async () => {
    const res = await t.client().get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.body.error.message).toMatch(/Войдите/);
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('signs in, issues an HttpOnly cookie, and logs out', async () => {
    const user = await t.ctx.newUser({ role: 'admin' });
    const c = t.client();
    const login = await c.post('/api/auth/login', {
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(login.status).toBe(200);
    expect(login.body.role).toBe('admin');
    expect(login.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
    expect((await c.get('/api/auth/me')).body.email).toBe(user.email);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('rejects a wrong password with 401 and the same message as an unknown email', async () => {
    const user = await t.ctx.newUser({ role: 'teacher' });
    const wrong = await t.client().post('/api/auth/login', { email: user.email, password: 'nope-nope-1' });
    const unknown = await t
      .client()
      .post('/api/auth/login', { email: 'ghost@test.local', password: 'nope-nope-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('rate-limits repeated failures for one account (429)', async () => {
    const user = await t.ctx.newUser({ role: 'teacher' });
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.client().post('/api/auth/login', { email: user.email, password: `bad-${i}-x` })).status,
      ).toBe(401);
    }
    const blocked = await t.client().post('/api/auth/login', { email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/Слишком много/);
  });

  it('does not trust X-Forwarded-For to dodge the limit', async () => {
    const user = await t.ctx.newUser({ role: 'teacher' });
    for (let i = 0; i < 5; i++) {
      await t.client().request(
        'POST',
        '/api/auth/login',
        { email: user.email, password: `bad-${i}-x` },
        {
          'x-forwarded-for': `10.0.0.${i}`,
        },
      );
    }
    const [row] = await t.db.query<{ ips: number }>(
      sql`SELECT count(DISTINCT ip)::int AS ips FROM login_attempts WHERE email = ${user.email}`,
    );
    expect(row!.ips).toBe(1);
  });

  it('validates input with 422 and field issues', async () => {
    const res = await t.client().post('/api/auth/login', { email: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.error.issues.length).toBeGreaterThan(0);
  });

  it('changes the password, ends other sessions, and keeps the current one', async () => {
    const user = await t.ctx.newUser({ role: 'teacher' });
    const a = await t.login(user);
    const b = await t.login(user);
    // Both sessions looked up once, so the change below must end a remembered one too.
    expect((await b.get('/api/auth/me')).status).toBe(200);
    const weak = await a.post('/api/auth/password', { currentPassword: user.password, newPassword: 'short' });
    expect(weak.status).toBe(422);
    const ok = await a.post('/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'new-secret-42',
    });
    expect(ok.status).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    await t.login({ email: user.email, password: 'new-secret-42' });
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'password_change' AND entity_id = ${user.id}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('applies an administrator edit at the next request, though sessions are remembered', async () => {
    const admin = await t.login(await t.ctx.newUser({ role: 'admin' }));
    // Another administrator: a role that needs no registry link or territory to edit.
    const user = await t.ctx.newUser({ role: 'admin' });
    const c = await t.login(user);
    expect((await c.get('/api/auth/me')).body.fullName).not.toBe('Новое Имя Пользователя');
    const renamed = await admin.patch(`/api/users/${user.id}`, { fullName: 'Новое Имя Пользователя' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await c.get('/api/auth/me')).body.fullName).toBe('Новое Имя Пользователя');
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('keeps the audit log append-only', async () => {
    // A row of its own: the trigger fires per row, and the log may be empty when this runs first.
    await t.db.query(sql`INSERT INTO audit_log (action, entity) VALUES ('test', 'test')`);
    await expect(t.db.query(sql`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/api/auth/login');
  });
});
