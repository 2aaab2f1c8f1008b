import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <Stack gap="xs">
      <Title order={1} size="h2">
        Страница не найдена
      </Title>
      <Text c="dimmed">Проверьте адрес или вернитесь на главную страницу.</Text>
      <Anchor component={Link} to="/">
        На главную
      </Anchor>
    </Stack>
  );
}
