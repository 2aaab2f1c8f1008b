import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/api.ts';
import { orgOptions, useOrganizations, useTerritories } from '../../api/queries.ts';
import type { InvitationLink, Page, Role, UserRow } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { CopyLink } from '../../components/copy-link.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState, useUrlText } from '../../lib/use-url-state.ts';
import { formatDateTime, plural, ROLE_LABELS, ROLE_OPTIONS } from '../../lib/words.ts';

/**
 * Which scope field a role needs (the server derives the wider ids from the narrower one and
 * refuses a role without its anchor): a teacher is tied to a registry record, not a territory.
 */
const SCOPE_OF: Record<Role, 'none' | 'region' | 'municipality' | 'organization' | 'person'> = {
  admin: 'none',
  region_admin: 'region',
  municipal_methodist: 'municipality',
  municipal_head: 'municipality',
  org_head: 'organization',
  teacher: 'person',
  curator: 'municipality',
  expert: 'region',
};
/** Roles whose territory is optional (their scope is the people assigned to them). */
const OPTIONAL_SCOPE: Role[] = ['curator', 'expert'];

interface UserFields {
  email: string;
  fullName: string;
  role: Role;
  regionId: string;
  municipalityId: string;
  organizationId: string;
  personId: string;
  active: boolean;
}

function UserForm({ user, opened, onClose }: { user: UserRow | null; opened: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const territories = useTerritories();
  const blank = (): UserFields => ({
    email: user?.email ?? '',
    fullName: user?.fullName ?? '',
    role: user?.role ?? 'municipal_methodist',
    regionId: user?.regionId ?? territories.data?.regions[0]?.id ?? '',
    municipalityId: user?.municipalityId ?? '',
    organizationId: user?.organizationId ?? '',
    personId: user?.personId ?? '',
    active: user?.active ?? true,
  });
  const [v, setV] = useState<UserFields>(blank);
  const orgs = useOrganizations({ municipalityId: v.municipalityId || null });
  const [link, setLink] = useState<InvitationLink | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const scope = SCOPE_OF[v.role];
      const muni = territories.data?.municipalities.find((m) => m.id === v.municipalityId);
      const org = orgs.data?.items.find((o) => o.id === v.organizationId);
      const body = {
        fullName: v.fullName.trim(),
        role: v.role,
        regionId: scope === 'none' ? null : (muni?.regionId ?? v.regionId) || null,
        municipalityId:
          scope === 'municipality' || scope === 'organization'
            ? v.municipalityId || org?.municipalityId || null
            : null,
        organizationId: scope === 'organization' ? v.organizationId || null : null,
      };
      if (user) {
        await api.patch<UserRow>(`/api/users/${user.id}`, { ...body, active: v.active });
        return null;
      }
      const res = await api.post<{ user: UserRow } & InvitationLink>('/api/users', {
        ...body,
        email: v.email.trim(),
        personId: v.personId.trim() || null,
      });
      return { link: res.link, expiresAt: res.expiresAt };
    },
    onSuccess: async (created) => {
      await qc.invalidateQueries({ queryKey: ['users'] });
      if (created) setLink(created);
      else onClose();
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    if (opened) {
      setV(blank());
      setLink(null);
      save.reset();
    }
  }, [opened]);
  const errors = fieldErrors(save.error);
  const set = <K extends keyof UserFields>(k: K, value: UserFields[K]) => setV((p) => ({ ...p, [k]: value }));
  const scope = SCOPE_OF[v.role];
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={user ? 'Изменить пользователя' : 'Новый пользователь'}
      size="lg"
    >
      {link ? (
        <Stack>
          <CopyLink invitation={link} title="Пользователь создан" />
          <Button onClick={onClose} w="fit-content">
            Готово
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label="Электронная почта (логин)"
                type="email"
                required
                disabled={Boolean(user)}
                value={v.email}
                onChange={(e) => set('email', e.currentTarget.value)}
                error={errors.email}
              />
              <TextInput
                label="ФИО"
                required
                value={v.fullName}
                onChange={(e) => set('fullName', e.currentTarget.value)}
                error={errors.fullName}
              />
            </SimpleGrid>
            <NativeSelect
              label="Роль"
              data={ROLE_OPTIONS}
              value={v.role}
              onChange={(e) => set('role', e.currentTarget.value as Role)}
              error={errors.role}
            />
            {scope === 'region' && (
              <NativeSelect
                label="Регион"
                required={!OPTIONAL_SCOPE.includes(v.role)}
                data={[
                  { value: '', label: 'Выберите регион' },
                  ...(territories.data?.regions ?? []).map((r) => ({ value: r.id, label: r.name })),
                ]}
                value={v.regionId}
                onChange={(e) => set('regionId', e.currentTarget.value)}
                error={errors.regionId}
              />
            )}
            {(scope === 'municipality' || scope === 'organization') && (
              <NativeSelect
                label="Муниципалитет"
                required={!OPTIONAL_SCOPE.includes(v.role)}
                data={[
                  { value: '', label: 'Выберите муниципалитет' },
                  ...(territories.data?.municipalities ?? []).map((m) => ({ value: m.id, label: m.name })),
                ]}
                value={v.municipalityId}
                onChange={(e) => {
                  const municipalityId = e.currentTarget.value;
                  setV((p) => ({ ...p, municipalityId, organizationId: '' }));
                }}
                error={errors.municipalityId}
              />
            )}
            {scope === 'organization' && (
              <NativeSelect
                label="Организация"
                required
                data={orgOptions(orgs.data?.items, 'Выберите организацию')}
                value={v.organizationId}
                onChange={(e) => set('organizationId', e.currentTarget.value)}
                error={errors.organizationId}
              />
            )}
            {scope === 'person' && (
              <TextInput
                label="Код карточки сотрудника"
                required
                description="Педагога удобнее приглашать из его карточки в реестре: кнопка «Пригласить в систему»."
                value={v.personId}
                onChange={(e) => set('personId', e.currentTarget.value)}
                error={errors.personId}
              />
            )}
            {user && (
              <Checkbox
                label="Учётная запись активна (снимите, чтобы закрыть вход)"
                checked={v.active}
                onChange={(e) => set('active', e.currentTarget.checked)}
              />
            )}
            <ErrorAlert error={save.error} title="Не сохранено" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Отмена
              </Button>
              <Button type="submit" loading={save.isPending}>
                {user ? 'Сохранить' : 'Создать и получить ссылку'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function ResetLink({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const reset = useMutation({
    mutationFn: (id: string) => api.post<InvitationLink>(`/api/users/${id}/invitation`),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new link for each user opened
  useEffect(() => {
    reset.reset();
  }, [user]);
  return (
    <Modal opened={user !== null} onClose={onClose} title="Ссылка для входа" size="lg">
      {user && (
        <Stack>
          {reset.data ? (
            <CopyLink invitation={reset.data} title={`Ссылка для ${user.fullName}`} />
          ) : (
            <>
              <Text size="sm">
                Будет создана ссылка, по которой {user.fullName} ({user.email}) задаст новый пароль. Старый
                пароль продолжит действовать, пока не будет задан новый.
              </Text>
              <ErrorAlert error={reset.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  Отмена
                </Button>
                <Button onClick={() => reset.mutate(user.id)} loading={reset.isPending}>
                  Создать ссылку
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}

export default function UsersPage() {
  const me = useMe();
  const f = useUrlState();
  const [q, setQ] = useUrlText(f, 'q');
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const filters = { q: f.get('q') || undefined, role: f.get('role') || undefined };
  const users = useQuery({
    queryKey: ['users', filters],
    queryFn: () => api.get<Page<UserRow>>('/api/users', filters),
    placeholderData: keepPreviousData,
    enabled: me.role === 'admin',
  });
  if (me.role !== 'admin') return <NoAccess />;
  const items = users.data?.items ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title="Пользователи"
        description="Учётные записи, роли и области доступа. Пароль пользователь задаёт сам по ссылке."
        actions={<Button onClick={() => setEditing('new')}>Добавить пользователя</Button>}
      />
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={720}>
          <TextInput
            label="Поиск"
            type="search"
            placeholder="ФИО или электронная почта"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <NativeSelect
            label="Роль"
            data={[{ value: '', label: 'Все роли' }, ...ROLE_OPTIONS]}
            value={f.get('role')}
            onChange={(e) => f.set({ role: e.currentTarget.value })}
          />
        </SimpleGrid>
      </Paper>
      <ErrorAlert error={users.error} title="Не удалось загрузить пользователей" />
      {users.isPending && <LoadingRows />}
      {users.data && (
        <Text fw={600} role="status">
          Найдено: {users.data.total}{' '}
          {plural(users.data.total, 'пользователь', 'пользователя', 'пользователей')}
        </Text>
      )}
      {users.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Пользователей не нашли"
            description="Измените поиск или роль, либо добавьте пользователя."
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={users.isPlaceholderData} minWidth={900}>
          <Table striped highlightOnHover aria-label="Пользователи">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>ФИО</Table.Th>
                <Table.Th>Эл. почта</Table.Th>
                <Table.Th>Роль</Table.Th>
                <Table.Th>Организация</Table.Th>
                <Table.Th>Последний вход</Table.Th>
                <Table.Th aria-label="Действия" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => (
                <Table.Tr key={u.id} c={u.active ? undefined : 'dimmed'}>
                  <Table.Td>
                    {u.personId ? (
                      <Anchor component={Link} to={`/people/${u.personId}`} size="sm" fw={500}>
                        {u.fullName}
                      </Anchor>
                    ) : (
                      <Text size="sm" fw={500}>
                        {u.fullName}
                      </Text>
                    )}
                    {!u.active && (
                      <Badge size="xs" color="gray">
                        вход закрыт
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.roleLabel || ROLE_LABELS[u.role]}</Table.Td>
                  <Table.Td>{u.organizationName ?? '—'}</Table.Td>
                  <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'ещё не входил'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditing(u)}
                        aria-label={`Изменить: ${u.email}`}
                      >
                        Изменить
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setResetting(u)}
                        aria-label={`Ссылка для входа: ${u.email}`}
                      >
                        Ссылка для входа
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      <UserForm
        opened={editing !== null}
        user={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
      <ResetLink user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
