import { Alert, Button, Paper, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api.ts';
import { useMe } from '../auth/session.tsx';
import { ErrorAlert, fieldErrors } from '../components/error-alert.tsx';
import { PageHeader, Section } from '../components/page.tsx';
import { PASSWORD_HINT, passwordProblem } from '../lib/password.ts';

export default function ProfilePage() {
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => api.post<void>('/api/auth/password', { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });
  const errors = fieldErrors(change.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const p = passwordProblem(next, repeat);
    setProblem(p);
    if (!p) change.mutate();
  }

  return (
    <Stack gap="lg" maw={720}>
      <PageHeader title="Профиль" />
      <Section title="Учётная запись">
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <Text size="sm" c="dimmed">
              Имя
            </Text>
            <Text size="sm">{me.fullName}</Text>
            <Text size="sm" c="dimmed">
              Электронная почта (логин)
            </Text>
            <Text size="sm">{me.email}</Text>
            <Text size="sm" c="dimmed">
              Роль
            </Text>
            <Text size="sm">{me.roleLabel}</Text>
          </SimpleGrid>
        </Paper>
      </Section>
      <Section title="Смена пароля">
        <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Смена пароля">
          <Stack>
            <PasswordInput
              label="Текущий пароль"
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={errors.currentPassword}
            />
            <PasswordInput
              label="Новый пароль"
              description={PASSWORD_HINT}
              autoComplete="new-password"
              required
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              error={errors.newPassword}
            />
            <PasswordInput
              label="Повторите новый пароль"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={problem}
            />
            <ErrorAlert error={change.error} title="Пароль не изменён" />
            {change.isSuccess && (
              <Alert color="teal" role="status">
                Пароль изменён. Другие сеансы входа завершены.
              </Alert>
            )}
            <Button type="submit" loading={change.isPending} w="fit-content">
              Сменить пароль
            </Button>
          </Stack>
        </Paper>
      </Section>
    </Stack>
  );
}
