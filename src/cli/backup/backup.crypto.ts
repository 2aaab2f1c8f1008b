import {
  type CipherGCM,
  createCipheriv,
  createDecipheriv,
  type DecipherGCM,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { BackupFormatError } from './backup.format.ts';

/**
 * An encrypted backup: the gzip stream of backup.format.ts sealed with AES-256-GCM under a key
 * derived by scrypt from a passphrase. Layout (every field a byte or a fixed run of bytes):
 *
 *   magic "MARSHRUT-ENC" (12) · version (1) · kdf (1; 1 = scrypt) · log2 N (1) · r (1) · p (1)
 *   · salt (16) · iv (12) · key check (16)  — the header, 61 bytes, authenticated as AAD
 *   ciphertext (as long as the gzip stream) · GCM tag (16)
 *
 * The cost parameters travel in the header, so a later version may raise them and still read old
 * files. scrypt gives 48 bytes: the first 32 are the key, the last 16 the key check, which tells
 * a wrong passphrase at once. The tag tells a changed byte anywhere, but only when the whole file
 * has been read: a restore decrypts as a stream inside its one transaction, and the failure at
 * the end rolls it back, so nothing unauthenticated is ever committed. A restore that fails
 * half-way (a changed value the database refuses) checks the tag before it reports the cause
 * (`authenticates`). One file is one GCM message: fine up to 64 GiB.
 */
export const ENCRYPTED_MAGIC = Buffer.from('MARSHRUT-ENC', 'ascii');
export const ENCRYPTION_VERSION = 1;
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const CHECK_BYTES = 16;
const KEY_BYTES = 32;
export const TAG_BYTES = 16;
export const ENCRYPTED_HEADER_BYTES = ENCRYPTED_MAGIC.length + 5 + SALT_BYTES + IV_BYTES + CHECK_BYTES;

export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

/** N = 2¹⁷, r = 8, p = 1: 128 MiB and a fraction of a second per derivation (OWASP's advice for scrypt). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };
/** A header asking for more than this is not one of ours (and must not exhaust the machine). */
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;

export const WRONG_PASSPHRASE = 'Неверная парольная фраза или файл повреждён.';

/** The passphrase does not open the file, or the file was changed: nothing may be restored from it. */
export class BackupDecryptError extends BackupFormatError {
  constructor() {
    super(WRONG_PASSPHRASE);
    this.name = 'BackupDecryptError';
  }
}

export interface EncryptionHeader {
  version: number;
  cost: ScryptCost;
  salt: Buffer;
  iv: Buffer;
  check: Buffer;
  /** The header's bytes as written, the additional authenticated data. */
  bytes: Buffer;
}

/** What opens an encrypted backup: its header, the key and the tag from the file's end. */
export interface UnlockedBackup {
  file: string;
  header: EncryptionHeader;
  key: Buffer;
  tag: Buffer;
  /** The ciphertext's byte range in the file (inclusive end, as createReadStream counts). */
  start: number;
  end: number;
}

function deriveKey(
  passphrase: string,
  salt: Buffer,
  cost: ScryptCost,
): Promise<{ key: Buffer; check: Buffer }> {
  const N = 2 ** cost.log2N;
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      KEY_BYTES + CHECK_BYTES,
      { N, r: cost.r, p: cost.p, maxmem: 2 * 128 * N * cost.r + 1024 * 1024 },
      (err, derived) =>
        err
          ? reject(err)
          : resolve({ key: derived.subarray(0, KEY_BYTES), check: derived.subarray(KEY_BYTES) }),
    ),
  );
}

function encodeHeader(h: Omit<EncryptionHeader, 'bytes' | 'version'>): Buffer {
  return Buffer.concat([
    ENCRYPTED_MAGIC,
    Buffer.from([ENCRYPTION_VERSION, KDF_SCRYPT, h.cost.log2N, h.cost.r, h.cost.p]),
    h.salt,
    h.iv,
    h.check,
  ]);
}

/** Reads an encrypted backup's header from its first bytes; null when they are not ours. */
export function decodeHeader(bytes: Buffer): EncryptionHeader | null {
  if (
    bytes.length < ENCRYPTED_MAGIC.length ||
    !bytes.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)
  )
    return null;
  let at = ENCRYPTED_MAGIC.length;
  const version = bytes[at];
  if (version !== ENCRYPTION_VERSION)
    throw new BackupFormatError(
      `Версия шифрования резервной копии ${version ?? '—'} не поддерживается этой версией Маршрута ` +
        `(ожидается ${ENCRYPTION_VERSION}).`,
    );
  if (bytes.length < ENCRYPTED_HEADER_BYTES)
    throw new BackupFormatError('Зашифрованная резервная копия повреждена: заголовок неполный.');
  const [kdf, log2N, r, p] = [bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!, bytes[at + 4]!];
  if (
    kdf !== KDF_SCRYPT ||
    log2N < 10 ||
    log2N > 24 ||
    r < 1 ||
    p < 1 ||
    p > 16 ||
    128 * 2 ** log2N * r > MAX_SCRYPT_MEMORY
  )
    throw new BackupFormatError(
      'Зашифрованная резервная копия повреждена или сделана более новой версией Маршрута ' +
        '(неизвестные параметры шифрования).',
    );
  at += 5;
  const take = (n: number) => {
    const part = Buffer.from(bytes.subarray(at, at + n));
    at += n;
    return part;
  };
  const salt = take(SALT_BYTES);
  const iv = take(IV_BYTES);
  const check = take(CHECK_BYTES);
  return {
    version,
    cost: { log2N, r, p },
    salt,
    iv,
    check,
    bytes: Buffer.from(bytes.subarray(0, ENCRYPTED_HEADER_BYTES)),
  };
}

/** The encryption header of `file`, or null for a plain (gzip) backup. */
export async function readEncryptionHeader(file: string): Promise<EncryptionHeader | null> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(ENCRYPTED_HEADER_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return decodeHeader(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Checks the passphrase against the header's key check and reads the tag from the file's end.
 * A wrong passphrase (or a changed header) is refused here, before anything is decrypted.
 */
export async function unlockBackup(
  file: string,
  header: EncryptionHeader,
  passphrase: string,
): Promise<UnlockedBackup> {
  const { key, check } = await deriveKey(passphrase, header.salt, header.cost);
  if (!timingSafeEqual(check, header.check)) throw new BackupDecryptError();
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < ENCRYPTED_HEADER_BYTES + TAG_BYTES + 1) throw new BackupDecryptError();
    const tag = Buffer.alloc(TAG_BYTES);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    return { file, header, key, tag, start: ENCRYPTED_HEADER_BYTES, end: size - TAG_BYTES - 1 };
  } finally {
    await handle.close();
  }
}

/** Passes the ciphertext through; at the end checks the tag and fails with BackupDecryptError. */
class OpenStream extends Transform {
  constructor(private readonly decipher: DecipherGCM) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    done(null, this.decipher.update(chunk));
  }
  override _flush(done: TransformCallback): void {
    let last: Buffer;
    try {
      last = this.decipher.final();
    } catch {
      done(new BackupDecryptError());
      return;
    }
    done(null, last);
  }
}

/** The plaintext (gzip) of an unlocked backup as a stream; it errors at the end if the file was changed. */
export function decryptedStream(unlocked: UnlockedBackup): Readable {
  const decipher = createDecipheriv('aes-256-gcm', unlocked.key, unlocked.header.iv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(unlocked.header.bytes);
  decipher.setAuthTag(unlocked.tag);
  const source = createReadStream(unlocked.file, { start: unlocked.start, end: unlocked.end });
  const open = new OpenStream(decipher);
  // A read error reaches the reader through `open`; a reader that stops early closes the file.
  pipeline(source, open, () => undefined);
  return open;
}

/**
 * Whether the whole file authenticates (a full pass, nothing kept). A restore that fails half-way
 * through an encrypted file asks this before it reports: data that was changed can look like a
 * wrong value (a number out of range, a broken line), and then the true cause is the change.
 */
export async function authenticates(unlocked: UnlockedBackup): Promise<boolean> {
  try {
    for await (const _chunk of decryptedStream(unlocked)) {
      // only the tag at the end matters
    }
    return true;
  } catch (err) {
    if (err instanceof BackupDecryptError) return false;
    throw err;
  }
}

/** Writes the header first, then the ciphertext, then the tag. */
class SealStream extends Transform {
  constructor(
    private readonly cipher: CipherGCM,
    header: Buffer,
  ) {
    super();
    this.push(header);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    done(null, this.cipher.update(chunk));
  }
  override _flush(done: TransformCallback): void {
    try {
      this.push(this.cipher.final());
      done(null, this.cipher.getAuthTag());
    } catch (err) {
      done(err as Error);
    }
  }
}

/** A transform that turns a plain backup stream into an encrypted file's bytes (fresh salt and IV). */
export async function encryptingStream(
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Transform> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const { key, check } = await deriveKey(passphrase, salt, cost);
  const header = encodeHeader({ cost, salt, iv, check });
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  return new SealStream(cipher, header);
}
