import { Badge, Group, Progress, Text } from '@mantine/core';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  ITEM_STATUS,
  ROUTE_STATUS,
  type RouteItemStatus,
  type RouteStatus,
} from '../../api/routes.ts';

export function RouteStatusBadge({ status }: { status: RouteStatus }) {
  const s = ROUTE_STATUS[status] ?? { label: status, color: 'gray' };
  return (
    <Badge
      color={s.color}
      variant="light"
      size="sm"
      data-testid="route-status"
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      {s.label}
    </Badge>
  );
}

export function ItemStatusBadge({ status, confirmed }: { status: RouteItemStatus; confirmed?: boolean }) {
  if (status === 'done') {
    return confirmed ? (
      <Badge color="teal" variant="filled" size="sm" data-testid="item-status">
        Подтверждено
      </Badge>
    ) : (
      <Badge color="yellow" variant="light" size="sm" data-testid="item-status">
        Ждёт подтверждения
      </Badge>
    );
  }
  const s = ITEM_STATUS[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={s.color} variant="light" size="sm" data-testid="item-status">
      {s.label}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: ActivityKind }) {
  const k = ACTIVITY_KINDS[kind] ?? { label: kind, color: 'gray' };
  return (
    <Badge color={k.color} variant="outline" size="sm">
      {k.label}
    </Badge>
  );
}

/** Progress of a route: the bar and the figure, readable without colour. */
export function RouteProgress({ value, w = 120 }: { value: number; w?: number }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <Group gap={6} wrap="nowrap" data-testid="route-progress">
      <Progress
        value={v}
        w={w}
        size="md"
        color={v === 100 ? 'teal' : 'blue'}
        aria-label={`Выполнено ${v}%`}
      />
      <Text size="xs" w={36} ta="right">
        {v}%
      </Text>
    </Group>
  );
}
