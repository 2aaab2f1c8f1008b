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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PASSWORD_HINT, passwordProblem } from '../lib/password.ts';

export default function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState<string | null>(null);
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () =>
      api.get<{ email: string | null; fullName: string; needsEmail: boolean }>(
        `/api/auth/invitations/${encodeURIComponent(token)}`,
      ),
    retry: false,
  });
  const accept = useMutation({
    // An account invited without an address takes the one the invitee gives as the login.
    mutationFn: () =>
      api.post<unknown>('/api/auth/invitations/accept', {
        token,
        password,
        ...(invitation.data?.needsEmail ? { email: email.trim() } : {}),
      }),
    onSuccess: () => {
      // The answer carries the identity only; the app reads who the user is and what they may do
      // from /api/auth/me, which the cleared cache fetches anew.
      qc.clear();
      navigate('/', { replace: true });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const badEmail =
      invitation.data?.needsEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
        ? 'Укажите адрес электронной почты: он будет логином.'
        : null;
    setEmailError(badEmail);
    const problem = passwordProblem(password, repeat);
    setMismatch(problem);
    if (!problem && !badEmail) accept.mutate();
  }

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
            <form noValidate onSubmit={submit} aria-label="Задать пароль">
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
                    value={email}
                    onChange={(e) => setEmail(e.currentTarget.value)}
                    error={emailError}
                  />
                ) : (
                  <TextInput label="Электронная почта (логин)" value={invitation.data.email ?? ''} readOnly />
                )}
                <PasswordInput
                  label="Новый пароль"
                  description={PASSWORD_HINT}
                  autoComplete="new-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <PasswordInput
                  label="Повторите пароль"
                  autoComplete="new-password"
                  required
                  value={repeat}
                  onChange={(e) => setRepeat(e.currentTarget.value)}
                  error={mismatch}
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
