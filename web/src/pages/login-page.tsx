import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { type LoginBody, login } from '../api/auth.ts';
import { keys } from '../api/keys.ts';
import { ErrorAlert, fieldErrors } from '../components/error-alert.tsx';

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useForm<LoginBody>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : 'Укажите адрес электронной почты'),
      password: (v) => (v ? null : 'Укажите пароль'),
    },
  });
  const signIn = useMutation({
    mutationFn: (v: LoginBody) => login({ email: v.email.trim(), password: v.password }),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(keys.auth.me, me);
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (error) => form.setErrors(fieldErrors(error)),
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={420}>
        {/* noValidate: required fields are checked in Russian, not by the browser's own bubbles. */}
        <form noValidate onSubmit={form.onSubmit((v) => signIn.mutate(v))} aria-label="Вход в систему">
          <Stack>
            <div>
              <Title order={1} size="h2" c="blue.8">
                Маршрут
              </Title>
              <Text c="dimmed" size="sm">
                Профессиональное развитие педагогов муниципалитета
              </Text>
            </div>
            <TextInput
              label="Электронная почта"
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
              autoFocus
            />
            <PasswordInput
              label="Пароль"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <ErrorAlert error={signIn.error} title="Вход не выполнен" />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              Войти
            </Button>
            <Text size="xs" c="dimmed">
              Нет пароля или забыли его? Попросите у методиста или администратора ссылку для входа.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
