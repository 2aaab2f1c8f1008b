import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ROLE_SCOPE } from '../../../../src/platform/auth/actor.ts';
import {
  afterUserSaved,
  createUser,
  resetLink,
  type UsersQuery,
  updateUser,
  useUsers,
} from '../../api/admin.ts';
import { fromUrl } from '../../api/client.ts';
import { useTerritories } from '../../api/queries.ts';
import type { InvitationLink, Role, UserRow } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { CopyLink } from '../../components/copy-link.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader } from '../../components/page.tsx';
import { SortableTh, TableCard } from '../../components/table-parts.tsx';
import { useClientSort } from '../../lib/sort.ts';
import { useUrlState, useUrlText } from '../../lib/use-url-state.ts';
import { formatDateTime, plural, ROLE_LABELS, ROLE_OPTIONS } from '../../lib/words.ts';

type ScopeField = 'none' | 'region' | 'municipality' | 'organization' | 'person';

/**
 * Which scope field the form asks for a role: the anchor of the role's scope (ROLE_SCOPE, the rule
 * the server applies; it derives the wider ids from the narrower one and refuses a role without its
 * anchor). A role whose scope is the people assigned to it may still be placed, optionally: a
 * curator in a municipality, an expert in a region.
 */
function scopeFieldOf(role: Role): { field: ScopeField; optional: boolean } {
  const scope = ROLE_SCOPE[role];
  if (scope === 'all') return { field: 'none', optional: false };
  if (scope === 'assigned') return { field: role === 'curator' ? 'municipality' : 'region', optional: true };
  return { field: scope, optional: false };
}

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

/** The organizations of the chosen municipality; choosing one with no municipality set fills it in. */
function OrganizationField({ form }: { form: UseFormReturnType<UserFields> }) {
  return (
    <OrganizationSelect
      required
      allLabel="Выберите организацию"
      municipalityId={form.values.municipalityId || null}
      {...form.getInputProps('organizationId')}
      onChange={(organizationId, org) =>
        form.setValues(
          org && !form.values.municipalityId
            ? { organizationId, municipalityId: org.municipalityId }
            : { organizationId },
        )
      }
    />
  );
}

function validateUser(v: UserFields) {
  const { field, optional } = scopeFieldOf(v.role);
  const need = (f: ScopeField, value: string, message: string) =>
    field === f && !optional && !value.trim() ? message : null;
  return {
    email: v.email.trim() ? null : 'Укажите адрес электронной почты',
    fullName: v.fullName.trim() ? null : 'Укажите ФИО',
    regionId: need('region', v.regionId, 'Выберите регион'),
    municipalityId: need('municipality', v.municipalityId, 'Выберите муниципалитет'),
    organizationId: need('organization', v.organizationId, 'Выберите организацию'),
    personId: need('person', v.personId, 'Укажите код карточки сотрудника'),
  };
}

function UserForm({ user, opened, onClose }: { user: UserRow | null; opened: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const territories = useTerritories();
  const initialValues = (): UserFields => ({
    email: user?.email ?? '',
    fullName: user?.fullName ?? '',
    role: user?.role ?? 'municipal_methodist',
    regionId: user?.regionId ?? territories.data?.regions[0]?.id ?? '',
    municipalityId: user?.municipalityId ?? '',
    organizationId: user?.organizationId ?? '',
    personId: user?.personId ?? '',
    active: user?.active ?? true,
  });

  async function submit(v: UserFields): Promise<InvitationLink | null> {
    const scope = scopeFieldOf(v.role).field;
    const muni = territories.data?.municipalities.find((m) => m.id === v.municipalityId);
    const body = {
      fullName: v.fullName.trim(),
      role: v.role,
      regionId: scope === 'none' ? null : (muni?.regionId ?? v.regionId) || null,
      municipalityId: scope === 'municipality' || scope === 'organization' ? v.municipalityId || null : null,
      organizationId: scope === 'organization' ? v.organizationId || null : null,
    };
    if (user) {
      await updateUser(user.id, { ...body, active: v.active });
      return null;
    }
    const res = await createUser({ ...body, email: v.email.trim(), personId: v.personId.trim() || null });
    return { link: res.link, expiresAt: res.expiresAt };
  }

  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={user ? 'Изменить пользователя' : 'Новый пользователь'}
      initialValues={initialValues}
      validate={validateUser}
      submit={submit}
      onSuccess={() => afterUserSaved(qc)}
      done={
        user
          ? undefined
          : (link, close) =>
              link && (
                <Stack>
                  <CopyLink invitation={link} title="Пользователь создан" />
                  <Button onClick={close} w="fit-content">
                    Готово
                  </Button>
                </Stack>
              )
      }
      submitLabel={user ? 'Сохранить' : 'Создать и получить ссылку'}
    >
      {(form) => {
        const { field: scope, optional } = scopeFieldOf(form.values.role);
        return (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label="Электронная почта (логин)"
                type="email"
                required
                disabled={Boolean(user)}
                {...form.getInputProps('email')}
              />
              <TextInput label="ФИО" required {...form.getInputProps('fullName')} />
            </SimpleGrid>
            <NativeSelect label="Роль" data={ROLE_OPTIONS} {...form.getInputProps('role')} />
            {scope === 'region' && (
              <NativeSelect
                label="Регион"
                required={!optional}
                data={[
                  { value: '', label: 'Выберите регион' },
                  ...(territories.data?.regions ?? []).map((r) => ({ value: r.id, label: r.name })),
                ]}
                {...form.getInputProps('regionId')}
              />
            )}
            {(scope === 'municipality' || scope === 'organization') && (
              <NativeSelect
                label="Муниципалитет"
                required={!optional}
                data={[
                  { value: '', label: 'Выберите муниципалитет' },
                  ...(territories.data?.municipalities ?? []).map((m) => ({ value: m.id, label: m.name })),
                ]}
                {...form.getInputProps('municipalityId')}
                onChange={(e) =>
                  form.setValues({ municipalityId: e.currentTarget.value, organizationId: '' })
                }
              />
            )}
            {scope === 'organization' && <OrganizationField form={form} />}
            {scope === 'person' && (
              <TextInput
                label="Код карточки сотрудника"
                required
                description="Педагога удобнее приглашать из его карточки в реестре: кнопка «Пригласить в систему»."
                {...form.getInputProps('personId')}
              />
            )}
            {user && (
              <Checkbox
                label="Учётная запись активна (снимите, чтобы закрыть вход)"
                {...form.getInputProps('active', { type: 'checkbox' })}
              />
            )}
          </>
        );
      }}
    </ModalForm>
  );
}

function ResetLink({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  return (
    <ModalForm
      opened={user !== null}
      onClose={onClose}
      title="Ссылка для входа"
      initialValues={() => ({})}
      submit={() => resetLink(user?.id ?? '')}
      done={(link) => user && <CopyLink invitation={link} title={`Ссылка для ${user.fullName}`} />}
      submitLabel="Создать ссылку"
      errorTitle="Не получилось"
    >
      {() =>
        user && (
          <Text size="sm">
            Будет создана ссылка, по которой {user.fullName} ({user.email ?? 'адрес укажет при входе'}) задаст
            новый пароль. Старый пароль продолжит действовать, пока не будет задан новый.
          </Text>
        )
      }
    </ModalForm>
  );
}

export default function UsersPage() {
  const me = useMe();
  const f = useUrlState();
  const [q, setQ] = useUrlText(f, 'q');
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const filters = { q: f.get('q') || undefined, role: f.get('role') || undefined };
  const users = useUsers(fromUrl<UsersQuery>(filters), { enabled: me.capabilities.admin.users });
  const sorted = useClientSort(
    users.data?.items ?? [],
    {
      name: (u) => u.fullName,
      email: (u) => u.email,
      role: (u) => u.roleLabel || ROLE_LABELS[u.role],
      organization: (u) => u.organizationName,
      lastLogin: (u) => u.lastLoginAt,
    },
    { sort: 'name' },
  );
  if (!me.capabilities.admin.users) return <NoAccess />;
  const items = sorted.rows;

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
                <SortableTh {...sorted.th('name')}>ФИО</SortableTh>
                <SortableTh {...sorted.th('email')}>Эл. почта</SortableTh>
                <SortableTh {...sorted.th('role')}>Роль</SortableTh>
                <SortableTh {...sorted.th('organization')}>Организация</SortableTh>
                <SortableTh {...sorted.th('lastLogin')}>Последний вход</SortableTh>
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
                  <Table.Td>
                    {u.email ?? (
                      <Text span c="dimmed" size="sm">
                        укажет при входе
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{u.roleLabel || ROLE_LABELS[u.role]}</Table.Td>
                  <Table.Td>{u.organizationName ?? '—'}</Table.Td>
                  <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'ещё не входил'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditing(u)}
                        aria-label={`Изменить: ${u.email ?? u.fullName}`}
                      >
                        Изменить
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setResetting(u)}
                        aria-label={`Ссылка для входа: ${u.email ?? u.fullName}`}
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
