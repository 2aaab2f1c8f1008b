import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

/** A 403 and a 404 read the same: the page does not reveal whether a record exists. */
export function NoAccess({ back = '/', backLabel = 'На главную' }: { back?: string; backLabel?: string }) {
  return (
    <Alert color="orange" title="Нет доступа или запись не найдена" role="alert" maw={640}>
      <Text size="sm">
        Запись не существует или не входит в вашу область доступа. Если вы считаете, что доступ нужен,
        обратитесь к методисту или администратору.
      </Text>
      <Anchor component={Link} to={back} size="sm" mt="xs" display="inline-block">
        {backLabel}
      </Anchor>
    </Alert>
  );
}
