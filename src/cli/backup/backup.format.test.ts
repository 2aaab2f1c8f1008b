import { describe, expect, it } from 'vitest';
import {
  BackupFormatError,
  loadOrder,
  parseHeader,
  parseLine,
  quoteIdent,
  sameSchema,
} from './backup.format.ts';

describe('loadOrder', () => {
  it('puts referenced tables first, ties by name', () => {
    expect(
      loadOrder([
        { name: 'employments', dependsOn: ['people', 'organizations'] },
        { name: 'people', dependsOn: ['regions'] },
        { name: 'organizations', dependsOn: ['regions', 'municipalities'] },
        { name: 'municipalities', dependsOn: ['regions'] },
        { name: 'regions', dependsOn: [] },
        { name: 'audit_log', dependsOn: [] },
      ]),
    ).toEqual(['audit_log', 'regions', 'municipalities', 'people', 'organizations', 'employments']);
  });

  it('ignores references to itself and to tables outside the set', () => {
    expect(
      loadOrder([
        { name: 'b', dependsOn: ['b', 'elsewhere'] },
        { name: 'a', dependsOn: ['b'] },
      ]),
    ).toEqual(['b', 'a']);
  });

  it('refuses a cycle', () => {
    expect(() =>
      loadOrder([
        { name: 'a', dependsOn: ['b'] },
        { name: 'b', dependsOn: ['a'] },
      ]),
    ).toThrow(/cyclic/);
  });
});

describe('backup lines', () => {
  const header = {
    format: 'marshrut-backup',
    version: 1,
    createdAt: '2026-11-23T12:00:00.000Z',
    engine: 'pglite',
    migrations: [{ tag: '0000_init', appliedAt: '2026-11-23T11:00:00.000Z' }],
    tables: ['regions'],
  };

  it('reads a header and refuses other files in Russian', () => {
    expect(parseHeader(JSON.stringify(header)).tables).toEqual(['regions']);
    expect(() => parseHeader('PK\u0003\u0004')).toThrow(BackupFormatError);
    expect(() => parseHeader(JSON.stringify({ ...header, format: 'x' }))).toThrow(/не похож/);
    expect(() => parseHeader(JSON.stringify({ ...header, version: 99 }))).toThrow(/не поддерживается/);
  });

  it('tells rows, table starts and the end apart', () => {
    expect(parseLine('["a",null]')).toEqual({ kind: 'row', values: ['a', null] });
    expect(parseLine('{"table":"t","columns":["id"]}')).toEqual({
      kind: 'table',
      start: { table: 't', columns: ['id'] },
    });
    expect(parseLine('{"end":true,"rows":{"t":1}}')).toEqual({
      kind: 'end',
      end: { end: true, rows: { t: 1 } },
    });
    expect(() => parseLine('{"x":1}')).toThrow(/повреждена/);
  });

  it('compares schema versions as sets of migrations', () => {
    expect(sameSchema(['0001', '0000'], ['0000', '0001'])).toBe(true);
    expect(sameSchema(['0000'], ['0000', '0001'])).toBe(false);
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('users')).toBe('"users"');
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
  });
});
