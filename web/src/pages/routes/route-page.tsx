import { Anchor, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useMe } from '../../auth/session.tsx';
import { RouteCardView } from './route-card.tsx';

export default function RoutePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const back =
    me.role === 'teacher'
      ? { to: '/my/route', label: '← Мой маршрут' }
      : me.role === 'curator'
        ? { to: '/curator', label: '← Кабинет куратора' }
        : { to: '/routes', label: '← Все маршруты' };
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={back.to} size="sm">
        {back.label}
      </Anchor>
      <RouteCardView id={id} />
    </Stack>
  );
}
