import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, use } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api/api.ts';
import { useSession } from '../api/auth.ts';
import { keys } from '../api/keys.ts';
import type { Me } from '../api/types.ts';

/** The session's query key (kept for callers that seed or refresh it). */
export const ME_KEY = keys.auth.me;

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside <RequireAuth>. */
export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useMe outside RequireAuth');
  return me;
}

/** Whether the user sees the registry of a territory (not only their own card). */
export function seesRegistry(me: Me): boolean {
  return me.capabilities.directory.seeRegistry;
}

/** Who may create organizations (the API allows them within their territory). */
export function managesOrganizations(me: Me): boolean {
  return me.capabilities.directory.manageOrganizations;
}

/**
 * Whether the user sees the registry of a whole territory or school — its organizations, vacancies
 * and staffing — and not only the people assigned to them (a curator). `/api/auth/me` has no flag
 * of its own for this; `routes.listRoutes` is computed from the same territorial scope.
 */
export function seesTerritory(me: Me): boolean {
  return seesRegistry(me) && me.capabilities.routes.listRoutes;
}

export function FullPageLoader({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <Center h="60vh">
      <Stack align="center" gap="xs">
        <Loader aria-label={label} />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

/** Loads the session; without one, sends the user to the sign-in page and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const qc = useQueryClient();
  const me = useSession();
  if (me.isPending) return <FullPageLoader />;
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?next=${next}`} replace />;
    }
    return (
      <Center h="60vh" p="md">
        <Alert color="red" title="Не удалось загрузить данные пользователя" maw={520}>
          <Stack gap="sm">
            <Text size="sm">{me.error.message}</Text>
            <Button variant="light" onClick={() => qc.invalidateQueries({ queryKey: keys.auth.me })}>
              Повторить
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  return <MeContext value={me.data}>{children}</MeContext>;
}
