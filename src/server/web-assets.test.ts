import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../web/build/precompress.ts';
import { IMMUTABLE, REVALIDATE, registerWebAssets } from './web-assets.ts';

/**
 * The built web as the browser gets it: a precompressed copy by Accept-Encoding, hashed assets
 * cached for good, the page revalidated. The folder is built here, shaped as Vite writes it.
 */

let root: string;
let app: FastifyInstance;
let compressed: string[];
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"Строка ${i}"`).join(',')}];\n`;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'marshrut-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), `<!doctype html><title>Маршрут</title>${' '.repeat(2000)}`);
  writeFileSync(path.join(root, 'assets', 'index-Bx12cd34.js'), script);
  writeFileSync(path.join(root, 'assets', 'tiny-Aa11bb22.js'), 'export {};\n');
  writeFileSync(path.join(root, 'favicon.png'), Buffer.alloc(4096, 1));
  compressed = precompressDir(root);
  app = Fastify();
  await registerWebAssets(app, root);
});
afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the built web', () => {
  it('precompresses text files worth it, and only those', () => {
    const done = compressed.map((f) => path.relative(root, f)).sort();
    expect(done).toEqual([path.join('assets', 'index-Bx12cd34.js'), 'index.html']);
    const js = path.join(root, 'assets', 'index-Bx12cd34.js');
    expect(brotliDecompressSync(readFileSync(`${js}.br`)).toString()).toBe(script);
    expect(gunzipSync(readFileSync(`${js}.gz`)).toString()).toBe(script);
    expect(readFileSync(`${js}.br`).length).toBeLessThan(script.length / 4);
  });

  it('sends brotli to a browser that accepts it, gzip to one that takes only gzip, plain otherwise', async () => {
    const url = '/assets/index-Bx12cd34.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    for (const r of [br, gz, plain]) expect(r.headers.vary).toMatch(/accept-encoding/i);
  });

  it('caches hashed assets for a year without asking again, and revalidates the page', async () => {
    const asset = await app.inject({ url: '/assets/tiny-Aa11bb22.js' });
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
    const page = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe(REVALIDATE);
    expect(page.headers['content-encoding']).toBe('br');
    const icon = await app.inject({ url: '/favicon.png' });
    expect(icon.headers['cache-control']).toBe(REVALIDATE);
    expect(icon.headers['content-encoding']).toBeUndefined();
  });
});
