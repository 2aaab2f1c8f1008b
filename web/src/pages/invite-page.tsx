import {
  Alert,
  Anchor,
  Button,
  Center,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { acceptInvitation, useInvitation } from '../api/auth.ts';
import { ErrorAlert, fieldErrors } from '../components/error-alert.tsx';
import { PASSWORD_HINT, passwordProblem } from '../lib/password.ts';

export default function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '', repeat: '' },
    validate: {
      // Asked only of an account invited without an address: the one given becomes the login.
      email: (email) =>
        invitation.data?.needsEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
          ? 'Укажите адрес электронной почты: он будет логином.'
          : null,
      // The password rule's message goes under «Повторите пароль», where the two are compared.
      repeat: (repeat, v) => passwordProblem(v.password, repeat),
    },
  });
  const invitation = useInvitation(token);
  const accept = useMutation({
    mutationFn: (v: { email: string; password: string }) =>
      acceptInvitation({
        token,
        password: v.password,
        ...(invitation.data?.needsEmail ? { email: v.email.trim() } : {}),
      }),
    onSuccess: () => {
      // The answer carries the identity only; the app reads who the user is and what they may do
      // from /api/auth/me, which the cleared cache fetches anew.
      qc.clear();
      navigate('/', { replace: true });
    },
    onError: (error) => form.setErrors(fieldErrors(error)),
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={460}>
        <Stack>
          <Title order={1} size="h2" c="blue.8">
            Маршрут
          </Title>
          {invitation.isPending && <Loader aria-label="Проверяем приглашение" />}
          {invitation.error && (
            <Alert color="orange" title="Ссылка недействительна" role="alert">
              <Text size="sm">{invitation.error.message}</Text>
              <Text size="sm" mt="xs">
                Если пароль уже задан —{' '}
                <Anchor component={Link} to="/login">
                  войдите
                </Anchor>
                .
              </Text>
            </Alert>
          )}
          {invitation.data && (
            <form noValidate onSubmit={form.onSubmit((v) => accept.mutate(v))} aria-label="Задать пароль">
              <Stack>
                <Text>
                  Здравствуйте, <b>{invitation.data.fullName}</b>! Задайте пароль для входа в систему.
                </Text>
                {invitation.data.needsEmail ? (
                  <TextInput
                    label="Электронная почта (логин)"
                    description="Адрес, с которым вы будете входить в систему"
                    type="email"
                    autoComplete="email"
                    required
                    {...form.getInputProps('email')}
                  />
                ) : (
                  <TextInput label="Электронная почта (логин)" value={invitation.data.email ?? ''} readOnly />
                )}
                <PasswordInput
                  label="Новый пароль"
                  description={PASSWORD_HINT}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps('password')}
                />
                <PasswordInput
                  label="Повторите пароль"
                  autoComplete="new-password"
                  required
                  {...form.getInputProps('repeat')}
                />
                <ErrorAlert error={accept.error} />
                <Button type="submit" loading={accept.isPending}>
                  Сохранить пароль и войти
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
