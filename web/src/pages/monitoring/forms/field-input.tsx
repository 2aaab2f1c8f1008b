import { NativeSelect, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { FieldValue, FormField } from '../../../api/forms.ts';

const show = (v: FieldValue | undefined) => (v === null || v === undefined ? '' : String(v));

/** One form field as an input of its type; the server checks the value again on submit. */
export function FieldInput({
  field,
  value,
  onChange,
  error,
  readOnly,
}: {
  field: FormField;
  value: FieldValue | undefined;
  onChange: (v: FieldValue) => void;
  error?: string | undefined;
  readOnly?: boolean;
}) {
  const bounds = [
    // A percent's own 0…100 says it all unless the form narrows it.
    field.type === 'percent' && field.min == null && field.max == null ? 'от 0 до 100' : null,
    field.min != null ? `не меньше ${field.min}` : null,
    field.max != null ? `не больше ${field.max}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const description = [field.hint, bounds].filter(Boolean).join('. ') || undefined;
  const common = { label: field.label, description, error, required: field.required, readOnly };
  switch (field.type) {
    case 'integer':
    case 'number':
    case 'percent':
      // Text, not type=number: a typed «12,5» stays as typed and the server reads the comma.
      return (
        <TextInput
          {...common}
          inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
          value={show(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
          rightSection={field.type === 'percent' ? '%' : undefined}
          w={{ base: '100%', sm: 320 }}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={show(value)}
          onChange={(e) => onChange(e.currentTarget.value || null)}
          w={{ base: '100%', sm: 220 }}
        />
      );
    case 'boolean':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {field.label}
            {field.required && (
              <Text span c="red">
                {' '}
                *
              </Text>
            )}
          </Text>
          {description && (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          )}
          <SegmentedControl
            aria-label={field.label}
            readOnly={readOnly}
            data={[
              { value: '', label: 'не указано' },
              { value: 'yes', label: 'да' },
              { value: 'no', label: 'нет' },
            ]}
            value={value === true ? 'yes' : value === false ? 'no' : ''}
            onChange={(v) => onChange(v === 'yes' ? true : v === 'no' ? false : null)}
            w="fit-content"
          />
          {error && (
            <Text size="xs" c="red">
              {error}
            </Text>
          )}
        </Stack>
      );
    case 'select':
      return (
        <NativeSelect
          {...common}
          disabled={readOnly}
          data={[{ value: '', label: '— не выбрано —' }, ...(field.options ?? [])]}
          value={show(value)}
          onChange={(e) => onChange(e.currentTarget.value || null)}
          w={{ base: '100%', sm: 420 }}
        />
      );
    case 'text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={8}
          value={show(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

/** A value as a reviewer reads it. */
export function fieldText(field: FormField, v: FieldValue | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (field.type === 'boolean') return v ? 'да' : 'нет';
  if (field.type === 'date' && typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    return m ? `${m[3]}.${m[2]}.${m[1]}` : v;
  }
  if (typeof v === 'number') return `${v.toLocaleString('ru-RU')}${field.type === 'percent' ? ' %' : ''}`;
  return String(v);
}
