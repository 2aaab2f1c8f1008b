import { Badge, Group } from '@mantine/core';
import { useLoadThreshold } from '../api/queries.ts';
import type { Category, Org } from '../api/types.ts';
import { CATEGORIES, CATEGORY_COLORS, INNOVATION_PLATFORMS } from '../lib/words.ts';

export function CategoryBadge({ category }: { category: Category }) {
  return (
    <Badge color={CATEGORY_COLORS[category]} variant={category === 'none' ? 'outline' : 'light'} size="sm">
      {CATEGORIES[category]}
    </Badge>
  );
}

/** The derived attributes of a person (never typed in: the server computes them). */
export function PersonFlags({
  young,
  pensionAge,
  loadOver30,
  outsideProfile,
  loadHours,
}: {
  young: boolean;
  pensionAge: boolean;
  loadOver30: boolean;
  outsideProfile?: boolean;
  loadHours?: number;
}) {
  const threshold = useLoadThreshold();
  if (!young && !pensionAge && !loadOver30 && !outsideProfile) return null;
  return (
    <Group gap={4} wrap="wrap">
      {young && (
        <Badge color="green" variant="light" size="sm">
          молодой специалист
        </Badge>
      )}
      {pensionAge && (
        <Badge color="gray" variant="light" size="sm">
          пенсионный возраст
        </Badge>
      )}
      {loadOver30 && (
        <Badge
          color="orange"
          variant="light"
          size="sm"
          title={loadHours ? `Всего ${loadHours} ч в неделю` : undefined}
        >
          нагрузка &gt; {threshold} ч
        </Badge>
      )}
      {outsideProfile && (
        <Badge color="red" variant="light" size="sm">
          не по профилю
        </Badge>
      )}
    </Group>
  );
}

export function OrgFlags({ org }: { org: Org }) {
  return (
    <Group gap={4} wrap="wrap">
      {org.rural && (
        <Badge variant="light" color="lime" size="sm">
          сельская
        </Badge>
      )}
      {org.lowResults && (
        <Badge variant="light" color="red" size="sm" title="Школа с низкими образовательными результатами">
          ШНОР
        </Badge>
      )}
      {org.innovationPlatform && (
        <Badge variant="light" color="violet" size="sm" title="Инновационная площадка">
          {INNOVATION_PLATFORMS[org.innovationPlatform]}
        </Badge>
      )}
      {org.internshipPlatform && (
        <Badge variant="light" color="cyan" size="sm">
          стажировочная площадка
        </Badge>
      )}
      {org.mentoringRegulation && (
        <Badge variant="light" color="teal" size="sm" title="Принято положение о наставничестве">
          наставничество
        </Badge>
      )}
    </Group>
  );
}
