import { List, Text } from '@mantine/core';
import { FIELD_LABELS, fieldValue } from '../lib/words.ts';

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;

export interface Change {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Fields whose value differs between two snapshots, with Russian names and readable values. */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = asObject(before) ?? {};
  const a = asObject(after) ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({
      field: k,
      label: FIELD_LABELS[k] ?? k,
      before: k in b ? fieldValue(k, b[k]) : '—',
      after: k in a ? fieldValue(k, a[k]) : '—',
    }));
}

/** «Поле: было → стало» for each changed field; a creation lists the values set. */
export function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const changes = changesOf(before, after);
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
            <Text span size="sm">
              {c.after}
            </Text>
          ) : (
            <>
              <Text span size="sm" td="line-through" c="red.8">
                {c.before}
              </Text>{' '}
              →{' '}
              <Text span size="sm" c="teal.9">
                {c.after}
              </Text>
            </>
          )}
        </List.Item>
      ))}
    </List>
  );
}
