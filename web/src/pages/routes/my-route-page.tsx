import { Anchor, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ROUTE_STATUS, type RouteSummary, useMyRoutes } from '../../api/routes.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { formatDate } from '../../lib/words.ts';
import { RouteCardView } from './route-card.tsx';

/** The route that matters now: one being followed, then one to agree, then the latest finished. */
const RANK: Record<string, number> = { in_progress: 0, agreed: 1, draft: 2, completed: 3, cancelled: 4 };
function current(items: RouteSummary[]): RouteSummary | undefined {
  return [...items].sort(
    (a, b) => (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) || (a.updatedAt < b.updatedAt ? 1 : -1),
  )[0];
}

/** «Мой маршрут»: the teacher's own route card, with the others (earlier, cancelled) one click away. */
export default function MyRoutePage() {
  const me = useMe();
  const routes = useMyRoutes(Boolean(me.personId));
  const [chosen, setChosen] = useState<string | null>(null);
  const items = routes.data?.items ?? [];
  const shown = items.find((r) => r.id === chosen) ?? current(items);
  return (
    <Stack gap="md">
      <PageHeader
        title="Мой маршрут"
        description="Индивидуальный образовательный маршрут: что пройти, зачем и в какие сроки."
      />
      {!me.personId && (
        <Paper withBorder>
          <Empty
            title="Учётная запись не связана с карточкой педагога"
            description="Маршрут строится для сотрудника из реестра. Попросите руководителя организации пригласить вас из реестра."
          />
        </Paper>
      )}
      {routes.isPending && me.personId && <LoadingRows rows={4} label="Загрузка маршрута" />}
      <ErrorAlert error={routes.error} title="Не удалось загрузить маршрут" />
      {routes.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Маршрута пока нет"
            description={
              <>
                Маршрут появится после диагностики: когда кампания закроется, по найденным дефицитам будет
                составлен план обучения, и он откроется здесь. Пройти открытую диагностику можно в{' '}
                <Anchor component={Link} to="/cabinet">
                  личном кабинете
                </Anchor>
                .
              </>
            }
          />
        </Paper>
      )}
      {items.length > 1 && shown && (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Маршруты:
          </Text>
          <SegmentedControl
            size="xs"
            value={shown.id}
            onChange={setChosen}
            data={items.map((r) => ({
              value: r.id,
              label: `${ROUTE_STATUS[r.status]?.label ?? r.status}, ${formatDate(r.periodStart)}`,
            }))}
          />
        </Group>
      )}
      {shown && <RouteCardView id={shown.id} headingLevel={2} />}
    </Stack>
  );
}
