import { Alert, Button, Paper, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { changePassword } from '../api/auth.ts';
import { useMe } from '../auth/session.tsx';
import { ErrorAlert, fieldErrors } from '../components/error-alert.tsx';
import { PageHeader, Section } from '../components/page.tsx';
import { PASSWORD_HINT, passwordProblem } from '../lib/password.ts';

export default function ProfilePage() {
  const me = useMe();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Укажите текущий пароль'),
      // The password rule's message goes under the repeat, where the two are compared.
      repeat: (repeat, v) => passwordProblem(v.newPassword, repeat),
    },
  });
  const change = useMutation({
    mutationFn: (v: typeof form.values) =>
      changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => form.reset(),
    onError: (error) => form.setErrors(fieldErrors(error)),
  });

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
        <Paper
          withBorder
          p="md"
          component="form"
          noValidate
          onSubmit={form.onSubmit((v) => change.mutate(v))}
          aria-label="Смена пароля"
        >
          <Stack>
            <PasswordInput
              label="Текущий пароль"
              autoComplete="current-password"
              required
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label="Новый пароль"
              description={PASSWORD_HINT}
              autoComplete="new-password"
              required
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label="Повторите новый пароль"
              autoComplete="new-password"
              required
              {...form.getInputProps('repeat')}
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
