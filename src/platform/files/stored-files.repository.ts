import { createHash } from 'node:crypto';
import { type Db, sql } from '../db/database.ts';

/** Uploaded files kept in the database (evidence of route items). */

export interface StoredFileMeta {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

export async function insertStoredFile(
  db: Db,
  f: { fileName: string; contentType: string; data: Uint8Array; uploadedBy: string },
): Promise<StoredFileMeta> {
  const sha256 = createHash('sha256').update(f.data).digest('hex');
  // A Buffer is sent as bytea by both pg and PGlite.
  const bytes = Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength);
  const [row] = await db.query<StoredFileMeta>(sql`
    INSERT INTO stored_files (file_name, content_type, size, sha256, data, uploaded_by)
    VALUES (${f.fileName}, ${f.contentType}, ${f.data.byteLength}, ${sha256}, ${bytes}, ${f.uploadedBy})
    RETURNING id, file_name, content_type, size, sha256, uploaded_by, created_at`);
  return row!;
}

export async function findStoredFileMeta(db: Db, id: string): Promise<StoredFileMeta | null> {
  const rows = await db.query<StoredFileMeta>(sql`
    SELECT id, file_name, content_type, size, sha256, uploaded_by, created_at FROM stored_files WHERE id = ${id}`);
  return rows[0] ?? null;
}

export async function readStoredFileData(db: Db, id: string): Promise<Uint8Array | null> {
  const rows = await db.query<{ data: Uint8Array }>(sql`SELECT data FROM stored_files WHERE id = ${id}`);
  const data = rows[0]?.data;
  return data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
}
