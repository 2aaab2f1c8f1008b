import { Anchor, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useMe } from '../../auth/session.tsx';
import { RouteCardView } from './route-card.tsx';

export default function RoutePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const can = me.capabilities.routes;
  const back = can.listRoutes
    ? { to: '/routes', label: '← Все маршруты' }
    : can.followOwnRoute
      ? { to: '/my/route', label: '← Мой маршрут' }
      : can.curateRoutes
        ? { to: '/curator', label: '← Кабинет куратора' }
        : { to: '/', label: '← На главную' };
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={back.to} size="sm">
        {back.label}
      </Anchor>
      <RouteCardView id={id} />
    </Stack>
  );
}
