import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BackupDecryptError,
  decodeHeader,
  decryptedStream,
  ENCRYPTED_HEADER_BYTES,
  ENCRYPTED_MAGIC,
  encryptingStream,
  readEncryptionHeader,
  TAG_BYTES,
  unlockBackup,
  WRONG_PASSPHRASE,
} from './backup.crypto.ts';
import { BackupFormatError } from './backup.format.ts';

/** A cheap scrypt cost keeps the unit tests fast; the real default is read from the header the same way. */
const CHEAP = { log2N: 10, r: 8, p: 1 };
const dir = mkdtempSync(path.join(tmpdir(), 'marshrut-crypto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function seal(plain: Buffer, passphrase: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = Readable.from([plain.subarray(0, 1000), plain.subarray(1000)]).pipe(
    await encryptingStream(passphrase, CHEAP),
  );
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function open(file: string, passphrase: string): Promise<Buffer> {
  const header = await readEncryptionHeader(file);
  if (!header) throw new Error('not encrypted');
  const chunks: Buffer[] = [];
  for await (const c of decryptedStream(await unlockBackup(file, header, passphrase)))
    chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const plain = Buffer.from(`СНИЛС 12345678901\n${'строка резервной копии\n'.repeat(500)}`);

describe('encrypted backup file', () => {
  it('round-trips through a file, starts with the magic and holds no plaintext', async () => {
    const sealed = await seal(plain, 'верная фраза 2026');
    expect(sealed.subarray(0, ENCRYPTED_MAGIC.length).toString('ascii')).toBe('MARSHRUT-ENC');
    expect(sealed.length).toBe(ENCRYPTED_HEADER_BYTES + plain.length + TAG_BYTES);
    expect(sealed.includes(Buffer.from('12345678901'))).toBe(false);
    const file = path.join(dir, 'ok.enc');
    writeFileSync(file, sealed);
    expect((await open(file, 'верная фраза 2026')).equals(plain)).toBe(true);
  });

  it('stores the scrypt cost in the header and gives a fresh salt and IV to every file', async () => {
    const a = decodeHeader(await seal(plain, 'фраза-1234'))!;
    const b = decodeHeader(await seal(plain, 'фраза-1234'))!;
    expect(a.cost).toEqual(CHEAP);
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(decodeHeader(Buffer.from([0x1f, 0x8b, 8, 0]))).toBeNull();
  });

  it('refuses a wrong passphrase at once, by the key check', async () => {
    const file = path.join(dir, 'wrong.enc');
    writeFileSync(file, await seal(plain, 'верная фраза 2026'));
    const header = (await readEncryptionHeader(file))!;
    await expect(unlockBackup(file, header, 'неверная фраза')).rejects.toThrow(BackupDecryptError);
    await expect(unlockBackup(file, header, 'неверная фраза')).rejects.toThrow(WRONG_PASSPHRASE);
  });

  it.each([
    ['a ciphertext byte', () => ENCRYPTED_HEADER_BYTES + 700],
    ['the last ciphertext byte', (n: number) => n - TAG_BYTES - 1],
    ['a tag byte', (n: number) => n - 1],
  ])('fails at the end of the stream when %s is changed', async (_what, at) => {
    const sealed = await seal(plain, 'верная фраза 2026');
    const i = at(sealed.length);
    sealed[i] = sealed[i]! ^ 0x01;
    const file = path.join(dir, `tampered-${i}.enc`);
    writeFileSync(file, sealed);
    await expect(open(file, 'верная фраза 2026')).rejects.toThrow(WRONG_PASSPHRASE);
  });

  it('a changed header is a wrong passphrase; an unknown version or cost is refused in Russian', async () => {
    const sealed = await seal(plain, 'верная фраза 2026');
    const salt = Buffer.from(sealed);
    salt[ENCRYPTED_MAGIC.length + 5] = salt[ENCRYPTED_MAGIC.length + 5]! ^ 0x80;
    const file = path.join(dir, 'salt.enc');
    writeFileSync(file, salt);
    await expect(open(file, 'верная фраза 2026')).rejects.toThrow(WRONG_PASSPHRASE);

    const version = Buffer.from(sealed);
    version[ENCRYPTED_MAGIC.length] = 9;
    expect(() => decodeHeader(version)).toThrow(/Версия шифрования резервной копии 9 не поддерживается/);
    const cost = Buffer.from(sealed);
    cost[ENCRYPTED_MAGIC.length + 2] = 40;
    expect(() => decodeHeader(cost)).toThrow(BackupFormatError);
    expect(() => decodeHeader(sealed.subarray(0, 20))).toThrow(/заголовок неполный/);
  });
});
