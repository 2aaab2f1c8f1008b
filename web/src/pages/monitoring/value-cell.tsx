import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import type { TargetStatus, ValueStatus } from '../../api/monitoring.ts';
import { formatValue, statusText, TARGET_STATUS } from './monitoring-words.ts';

/** A computed figure coloured by its target status; an absent figure says why instead of a number. */
export function ValueCell({
  value,
  unit,
  status,
  message,
  targetStatus,
  numerator,
  denominator,
}: {
  value: number | null;
  unit: string;
  status?: ValueStatus | null;
  message?: string | null;
  targetStatus?: TargetStatus | null;
  numerator?: number | null;
  denominator?: number | null;
}) {
  const why = statusText(status);
  if (value === null || value === undefined) {
    return (
      <Tooltip label={message || why || 'Нет значения'} multiline w={260} withArrow>
        <Text size="xs" c={status === 'invalid_formula' ? 'red.8' : 'dimmed'} data-status={status ?? ''}>
          {why ?? 'нет значения'}
        </Text>
      </Tooltip>
    );
  }
  const ts = targetStatus ? TARGET_STATUS[targetStatus] : null;
  return (
    <Stack gap={0} align="flex-end">
      <Badge
        size="lg"
        variant={ts ? 'light' : 'outline'}
        color={ts?.color ?? 'gray'}
        title={ts?.label}
        data-target-status={targetStatus ?? ''}
      >
        {formatValue(value, unit)}
      </Badge>
      {ts && (
        <Text size="xs" c={`${ts.color}.8`}>
          {ts.label}
        </Text>
      )}
      {numerator !== null && numerator !== undefined && denominator !== null && denominator !== undefined && (
        <Text size="xs" c="dimmed">
          {numerator.toLocaleString('ru-RU')} из {denominator.toLocaleString('ru-RU')}
        </Text>
      )}
    </Stack>
  );
}

export function TargetStatusBadge({ status }: { status: TargetStatus | null | undefined }) {
  if (!status)
    return (
      <Text size="xs" c="dimmed">
        нет цели
      </Text>
    );
  const s = TARGET_STATUS[status];
  return (
    <Badge color={s.color} variant="light" size="sm">
      {s.label}
    </Badge>
  );
}
