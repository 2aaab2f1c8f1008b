import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { fromUrl } from '../../api/client.ts';
import {
  APPROBATION_LEVELS,
  type Material,
  options,
  PRACTICE_KINDS,
  type PracticesQuery,
  practicesExportHref,
  usePractices,
} from '../../api/practices.ts';
import { seesRegistry, useMe } from '../../auth/session.tsx';
import { ListEmpty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { useCompetencyChoices } from './material-form.tsx';

const all = (label: string, list: { value: string; label: string }[]) => [{ value: '', label }, ...list];
const SORTS = [
  { value: 'published', label: 'Сначала новые' },
  { value: 'uses', label: 'Сначала востребованные' },
  { value: 'title', label: 'По названию' },
];

/** «Банк практик»: published materials and practices of the region, with search, filters and XLSX. */
export default function PracticesPage() {
  const me = useMe();
  const f = useUrlState();
  const [q, setQ] = useState(f.get('q'));
  const [subject, setSubject] = useState(f.get('subject'));
  const [dq] = useDebouncedValue(q, 300);
  const [dsubject] = useDebouncedValue(subject, 300);
  const filters: Record<string, string> = {};
  for (const k of ['kind', 'level', 'competencyId', 'organizationId', 'sort'] as const)
    if (f.get(k)) filters[k] = f.get(k);
  if (dq) filters.q = dq;
  if (dsubject) filters.subject = dsubject;
  const query = fromUrl<PracticesQuery>(filters);
  const list = usePractices(query);
  const competencies = useCompetencyChoices();
  const hasFilters = Object.keys(filters).some((k) => k !== 'sort');
  const canCreate = list.data?.canCreate ?? false;

  return (
    <Stack gap="md">
      <PageHeader
        title="Банк практик"
        description="Методические материалы и эффективные практики педагогов региона, одобренные методическим советом: авторы, компетенции, уровень апробации, где использованы."
        actions={
          <Group gap="xs">
            {list.data?.canModerate && (
              <Button component={Link} to="/moderation/practices" variant="light">
                Модерация
              </Button>
            )}
            {canCreate && (
              <Button component={Link} to="/my/practices">
                Мои материалы
              </Button>
            )}
            <Button component="a" href={practicesExportHref(query)} download variant="default">
              Экспорт XLSX
            </Button>
          </Group>
        }
      />
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput
            label="Поиск"
            placeholder="Название, описание или тема"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              f.set({ q: e.currentTarget.value });
            }}
          />
          <TextInput
            label="Предмет"
            placeholder="Например, математика"
            value={subject}
            onChange={(e) => {
              setSubject(e.currentTarget.value);
              f.set({ subject: e.currentTarget.value });
            }}
          />
          <Select
            label="Компетенция"
            placeholder="Все компетенции"
            data={competencies}
            searchable
            clearable
            value={f.get('competencyId') || null}
            onChange={(v) => f.set({ competencyId: v ?? '' })}
          />
          <NativeSelect
            label="Уровень апробации"
            data={all('Все уровни', options(APPROBATION_LEVELS))}
            value={f.get('level')}
            onChange={(e) => f.set({ level: e.currentTarget.value })}
          />
          <NativeSelect
            label="Вид"
            data={all('Материалы и практики', options(PRACTICE_KINDS))}
            value={f.get('kind')}
            onChange={(e) => f.set({ kind: e.currentTarget.value })}
          />
          {seesRegistry(me) && (
            <OrganizationSelect
              value={f.get('organizationId')}
              onChange={(value) => f.set({ organizationId: value })}
            />
          )}
          <NativeSelect
            label="Порядок"
            data={SORTS}
            value={f.get('sort') || 'published'}
            onChange={(e) =>
              f.set({ sort: e.currentTarget.value === 'published' ? '' : e.currentTarget.value })
            }
          />
        </SimpleGrid>
      </Paper>
      <ErrorAlert error={list.error} title="Не удалось загрузить банк практик" />
      {list.isPending && <LoadingRows rows={6} label="Загрузка материалов" />}
      {list.data && list.data.total === 0 && (
        <ListEmpty
          filtered={hasFilters}
          onClear={() => {
            setQ('');
            setSubject('');
            f.clear();
          }}
          filteredTitle="По этим условиям материалов нет"
          filteredHint="Уточните запрос, выберите другую компетенцию или уровень, или сбросьте фильтры."
          title="В банке пока нет опубликованных материалов"
          description={
            canCreate
              ? 'Поделитесь своим опытом: в разделе «Мои материалы» добавьте материал или практику, укажите компетенции и отправьте на модерацию — после одобрения методическим советом материал появится здесь.'
              : 'Материалы появятся здесь, когда педагоги отправят их на модерацию, а методический совет их опубликует.'
          }
          actions={
            canCreate ? (
              <Button component={Link} to="/my/practices">
                Добавить материал
              </Button>
            ) : undefined
          }
        />
      )}
      {list.data && list.data.total > 0 && (
        <>
          <Text size="sm" c="dimmed">
            Найдено: {list.data.total}
          </Text>
          <MaterialTable items={list.data.items} loading={list.isPlaceholderData} label="Банк практик" />
        </>
      )}
    </Stack>
  );
}

export function MaterialTable({
  items,
  loading,
  label,
  showStatus = false,
}: {
  items: Material[];
  loading: boolean;
  label: string;
  showStatus?: boolean;
}) {
  return (
    <TableCard loading={loading} minWidth={960}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Материал</Table.Th>
            <Table.Th w={220}>Авторы</Table.Th>
            <Table.Th w={200}>Организация</Table.Th>
            <Table.Th w={130}>Апробация</Table.Th>
            <Table.Th w={120} ta="right">
              Просмотров / использований
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} to={`/practices/${m.id}`} size="sm" fw={500}>
                  {m.title}
                </Anchor>
                <Group gap={4} mt={2}>
                  <Badge size="xs" variant="light">
                    {m.kindName}
                  </Badge>
                  {showStatus && (
                    <Badge
                      size="xs"
                      variant="light"
                      color={
                        m.status === 'published'
                          ? 'green'
                          : m.status === 'returned'
                            ? 'orange'
                            : m.status === 'on_moderation'
                              ? 'blue'
                              : 'gray'
                      }
                    >
                      {m.statusName}
                    </Badge>
                  )}
                  {m.topic && (
                    <Badge size="xs" variant="outline" color="gray">
                      {m.topic}
                    </Badge>
                  )}
                  {m.subjects.map((s) => (
                    <Badge key={s} size="xs" variant="outline" color="teal">
                      {s}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{m.authors.map((a) => a.name).join(', ')}</Table.Td>
              <Table.Td>{m.organization?.name ?? m.municipalityName ?? '—'}</Table.Td>
              <Table.Td>{m.approbationLevelName}</Table.Td>
              <Table.Td ta="right">
                {m.uses.views} / {m.uses.downloads + m.uses.links}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableCard>
  );
}
