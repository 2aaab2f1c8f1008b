import {
  AppShell,
  Box,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { Link, Outlet, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import { logout as signOut } from '../api/auth.ts';
import { useSetupStatus } from '../api/setup.ts';
import { FullPageLoader, useMe } from '../auth/session.tsx';
import { PageErrorBoundary } from '../components/error-boundary.tsx';
import { GlobalSearch } from './global-search.tsx';
import { navigationFor } from './navigation.ts';
import { NotificationBell } from './notification-bell.tsx';

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  const setup = useSetupStatus({ enabled: me.capabilities.directory.setUp });
  const items = navigationFor(me, { setupDone: setup.data?.next === null });

  async function logout() {
    setLeaving(true);
    try {
      await signOut();
    } finally {
      qc.clear();
      navigate('/login', { replace: true });
    }
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: { base: 220, lg: 250 }, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Меню" />
            <UnstyledButton component={Link} to="/" aria-label="Маршрут — на главную">
              <Text fw={700} size="lg" c="blue.8">
                Маршрут
              </Text>
            </UnstyledButton>
            <Box ml={{ base: 'xs', sm: 110 }}>
              <GlobalSearch />
            </Box>
          </Group>
          <Group gap="md" wrap="nowrap">
            <NotificationBell />
            <Box ta="right" visibleFrom="xs" data-testid="current-user">
              <Text size="sm" fw={600} lh={1.2}>
                {me.fullName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {me.roleLabel}
              </Text>
            </Box>
            <Button variant="default" size="xs" onClick={logout} loading={leaving}>
              Выйти
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label="Основное меню">
        <ScrollArea>
          {items.map((item) =>
            item.children ? (
              <NavLink
                key={item.to}
                label={item.label}
                defaultOpened={isActive(pathname, item.to)}
                childrenOffset="md"
              >
                {item.children.map((c) => (
                  <NavLink
                    key={c.to}
                    component={RouterNavLink}
                    to={c.to}
                    label={c.label}
                    active={isActive(pathname, c.to)}
                    onClick={close}
                  />
                ))}
              </NavLink>
            ) : (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={item.label}
                active={isActive(pathname, item.to)}
                onClick={close}
              />
            ),
          )}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1400}>
          <PageErrorBoundary resetKey={pathname}>
            <Suspense fallback={<FullPageLoader />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
