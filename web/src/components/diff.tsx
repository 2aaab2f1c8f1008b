import { List, Text } from '@mantine/core';
import { useOrganizations, useTerritories } from '../api/queries.ts';
import { FIELD_LABELS, fieldValue } from '../lib/words.ts';

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Field names that mean something else for a person or a user than for an organization. */
const ENTITY_LABELS: Record<string, Record<string, string>> = {
  user: { fullName: 'ФИО', email: 'Эл. почта (логин)' },
  person: { fullName: 'ФИО' },
  staffing: { year: 'Год' },
  employment: { kind: 'Вид занятости' },
  organization: { kind: 'Тип организации' },
};

/** Fields whose values are identifiers (an organization's or a set's code): shown as marks. */
const CODE_FIELDS = new Set(['code', 'presetCode', 'preset']);

export interface Change {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Names for ids the reader cannot use: organizations and municipalities from cached lists. */
function useIdNames(): (field: string, id: string) => string | null {
  const orgs = useOrganizations();
  const territories = useTerritories();
  return (field, id) => {
    if (field === 'organizationId') return orgs.data?.items.find((o) => o.id === id)?.shortName ?? null;
    if (field === 'municipalityId')
      return territories.data?.municipalities.find((m) => m.id === id)?.name ?? null;
    if (field === 'regionId') return territories.data?.regions.find((r) => r.id === id)?.name ?? null;
    return null;
  };
}

/** Fields whose value differs between two snapshots, with Russian names and readable values. */
export function changesOf(
  before: unknown,
  after: unknown,
  opts: { entity?: string; idName?: (field: string, id: string) => string | null } = {},
): Change[] {
  const b = asObject(before) ?? {};
  const a = asObject(after) ?? {};
  const created = !asObject(before);
  const show = (k: string, v: unknown) => {
    if (typeof v === 'string' && UUID.test(v)) return opts.idName?.(k, v) ?? 'запись в реестре';
    return fieldValue(k, v);
  };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return (
    keys
      .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
      // On creation an id nobody can resolve (a person, a region) is noise, not information.
      .filter(
        (k) =>
          !(
            created &&
            typeof a[k] === 'string' &&
            UUID.test(a[k] as string) &&
            !opts.idName?.(k, a[k] as string)
          ),
      )
      .map((k) => ({
        field: k,
        label: (opts.entity && ENTITY_LABELS[opts.entity]?.[k]) ?? FIELD_LABELS[k] ?? 'другое поле',
        before: k in b ? show(k, b[k]) : '—',
        after: k in a ? show(k, a[k]) : '—',
      }))
  );
}

/** «Поле: было → стало» for each changed field; a creation lists the values set. */
export function ChangeList({ before, after, entity }: { before: unknown; after: unknown; entity?: string }) {
  const idName = useIdNames();
  const changes = changesOf(before, after, { entity, idName });
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        без изменений полей
      </Text>
    );
  }
  const created = !asObject(before);
  return (
    <List size="sm" spacing={2} listStyleType="none" withPadding={false}>
      {changes.map((c) => (
        <List.Item key={c.field}>
          <Text span size="sm" c="dimmed">
            {c.label}:
          </Text>{' '}
          {created ? (
            <Text span size="sm" data-code={CODE_FIELDS.has(c.field) || undefined}>
              {c.after}
            </Text>
          ) : (
            <>
              <Text
                span
                size="sm"
                td="line-through"
                c="red.8"
                data-code={CODE_FIELDS.has(c.field) || undefined}
              >
                {c.before}
              </Text>{' '}
              →{' '}
              <Text span size="sm" c="teal.9" data-code={CODE_FIELDS.has(c.field) || undefined}>
                {c.after}
              </Text>
            </>
          )}
        </List.Item>
      ))}
    </List>
  );
}
