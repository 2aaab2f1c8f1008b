/**
 * The JS types rows come back with, the same on both engines: date → 'YYYY-MM-DD',
 * timestamptz → ISO string, timestamp → its text, bigint and numeric → number.
 * Shared by the pg driver (database.ts) and the PGlite worker thread (pglite-worker.ts), so it
 * stays plain erasable TypeScript with no imports: Node loads the worker without a compiler.
 */
export const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

export const toNumber = (v: string) => (v === null ? null : Number(v));
export const toIso = (v: string) => (v === null ? null : new Date(v).toISOString());
export const asText = (v: string) => v;

/** PGlite's `parsers` option: result type OID → parser of the text value. */
export const pgliteParsers = {
  [OID.int8]: toNumber,
  [OID.numeric]: toNumber,
  [OID.date]: asText,
  [OID.timestamptz]: toIso,
  [OID.timestamp]: asText,
};
