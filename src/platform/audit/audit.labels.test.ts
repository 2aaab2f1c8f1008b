import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_DETAIL_LABELS, AUDIT_ENTITIES, auditSummary } from './audit.labels.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/**
 * Every action and entity literal of an audit entry in the sources: objects that name both
 * (`{ action: 'update', entity: 'person', … }`) and the routes' `audit(tx, actor, route, 'agree', …)`.
 * The entry's types already refuse an unnamed string; this catches one cast past them.
 */
function writtenStrings(): { actions: Set<string>; entities: Set<string> } {
  const actions = new Set<string>();
  const entities = new Set<string>();
  const pair = /\baction: (?:[^,}]*\? )?'([a-z_]+)'(?: : '([a-z_]+)')?[^}]*?\bentity: '([a-z_]+)'/g;
  const routeAudit = /\baudit\(tx, actor, \w+, '([a-z_]+)'/g;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!/writeAudit/.test(text)) continue;
    for (const m of text.matchAll(pair)) {
      actions.add(m[1]!);
      if (m[2]) actions.add(m[2]);
      entities.add(m[3]!);
    }
    for (const m of text.matchAll(routeAudit)) actions.add(m[1]!);
  }
  return { actions, entities };
}

const cyrillic = /^[А-ЯЁа-яё«»0-9 ,.:—()-]+$/;

describe('audit labels', () => {
  it('name every action written to the audit log', () => {
    const written = writtenStrings().actions;
    expect(written.size).toBeGreaterThan(10);
    const missing = [...written].filter((a) => !(a in AUDIT_ACTIONS));
    expect(missing).toEqual([]);
  });

  it('name every entity written to the audit log', () => {
    const written = writtenStrings().entities;
    expect(written.size).toBeGreaterThan(20);
    const missing = [...written].filter((e) => !(e in AUDIT_ENTITIES));
    expect(missing).toEqual([]);
  });

  it('are Russian words', () => {
    const labels = [
      ...Object.values(AUDIT_ACTIONS),
      ...Object.values(AUDIT_ENTITIES),
      ...Object.values(AUDIT_DETAIL_LABELS),
    ];
    expect(labels.filter((l) => !cyrillic.test(l))).toEqual([]);
  });

  it('say what happened to a route as a sentence', () => {
    expect(auditSummary('agree', 'learning_route', { side: 'teacher', status: 'agreed' })).toBe(
      'Маршрут согласован педагогом',
    );
    expect(auditSummary('item_done', 'learning_route', {})).toBe('Мероприятие маршрута выполнено');
    expect(auditSummary('update', 'person', null)).toBe('Изменение: сотрудник');
    expect(auditSummary('unknown', 'unknown', null)).toBe('Действие');
  });
});
