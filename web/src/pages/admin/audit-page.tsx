import { Anchor, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { type AuditQuery, useAudit } from '../../api/admin.ts';
import { fromUrl } from '../../api/client.ts';
import type { AuditEntry } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { ChangeList } from '../../components/diff.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Pager, SortableTh, type SortOrder, TableCard } from '../../components/table-parts.tsx';
import { useUrlState, useUrlText } from '../../lib/use-url-state.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_DETAIL_LABELS,
  AUDIT_ENTITIES,
  auditSummary,
  FIELD_LABELS,
  fieldValue,
  formatDateTime,
  plural,
} from '../../lib/words.ts';

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const wholeUuid = (text: string) => (UUID.test(text) ? text : '');

/** A detail's value; record ids say only that they are records (the entry links to the card). */
function detailValue(k: string, v: unknown): string {
  if (typeof v === 'string' && UUID.test(v)) return 'запись';
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && UUID.test(x))) {
    return `${v.length} ${plural(v.length, 'запись', 'записи', 'записей')}`;
  }
  return fieldValue(k, v);
}

/** Details as «ключ: значение» lines; nested objects (filters) as «поле = значение» lists. */
function detailLines(details: Record<string, unknown>): string[] {
  return Object.entries(details).map(([k, v]) => {
    const label = AUDIT_DETAIL_LABELS[k] ?? FIELD_LABELS[k]?.toLowerCase() ?? 'параметр';
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = Object.entries(v as Record<string, unknown>)
        .map(
          ([ik, iv]) =>
            `${AUDIT_DETAIL_LABELS[ik] ?? FIELD_LABELS[ik] ?? 'параметр'} = ${detailValue(ik, iv)}`,
        )
        .join('; ');
      return `${label}: ${inner || 'нет'}`;
    }
    return `${label}: ${detailValue(k, v)}`;
  });
}

function Details({ e }: { e: AuditEntry }) {
  const hasDiff = e.before !== null || e.after !== null;
  const details = e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : null;
  return (
    <Stack gap={4}>
      {hasDiff && <ChangeList before={e.before} after={e.after} entity={e.entity} />}
      {details &&
        detailLines(details).map((line) => (
          <Text key={line} size="xs" c="dimmed">
            {line}
          </Text>
        ))}
      {!hasDiff && !details && (
        <Text size="sm" c="dimmed">
          —
        </Text>
      )}
    </Stack>
  );
}

export default function AuditPage() {
  const me = useMe();
  const f = useUrlState();
  const [actor, setActor] = useUrlText(f, 'actor', { delay: 500 });
  const [personId, setPersonId] = useUrlText(f, 'personId', { delay: 500, accept: wholeUuid });
  const page = Math.max(1, Number(f.get('page')) || 1);
  const filters = {
    entity: f.get('entity') || undefined,
    action: f.get('action') || undefined,
    actor: f.get('actor') || undefined,
    personId: f.get('personId') || undefined,
  };
  const sort = f.get('sort') || 'at';
  const order: SortOrder = f.get('order') === 'asc' ? 'asc' : 'desc';
  const onSort = (column: string, next: SortOrder) => f.set({ sort: column, order: next });
  const log = useAudit(
    fromUrl<AuditQuery>({ ...filters, sort, order, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    { enabled: me.capabilities.admin.audit },
  );
  if (!me.capabilities.admin.audit) return <NoAccess />;
  const items = log.data?.items ?? [];
  const personInvalid = personId.trim() !== '' && !UUID.test(personId.trim());

  return (
    <Stack gap="md">
      <PageHeader
        title="Журнал аудита"
        description="Все изменения персональных данных, их просмотры и выгрузки, входы в систему. Записи журнала изменить нельзя."
      />
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <NativeSelect
            label="Объект"
            data={[
              { value: '', label: 'Все объекты' },
              ...Object.entries(AUDIT_ENTITIES).map(([value, label]) => ({ value, label })),
            ]}
            value={f.get('entity')}
            onChange={(e) => f.set({ entity: e.currentTarget.value })}
          />
          <NativeSelect
            label="Действие"
            data={[
              { value: '', label: 'Все действия' },
              ...Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
            ]}
            value={f.get('action')}
            onChange={(e) => f.set({ action: e.currentTarget.value })}
          />
          <TextInput
            label="Кто (эл. почта)"
            type="search"
            value={actor}
            onChange={(e) => setActor(e.currentTarget.value)}
          />
          <TextInput
            label="Код карточки сотрудника"
            type="search"
            value={personId}
            onChange={(e) => setPersonId(e.currentTarget.value)}
            error={personInvalid ? 'Вставьте код из адреса карточки' : undefined}
          />
        </SimpleGrid>
      </Paper>
      <ErrorAlert error={log.error} title="Не удалось загрузить журнал" />
      {log.isPending && <LoadingRows />}
      {log.data && (
        <Text fw={600} role="status">
          Найдено: {log.data.total.toLocaleString('ru-RU')}{' '}
          {plural(log.data.total, 'запись', 'записи', 'записей')}
        </Text>
      )}
      {log.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Записей нет"
            description="Измените фильтры: выберите «Все объекты» и «Все действия»."
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={log.isPlaceholderData} minWidth={900}>
          <Table striped aria-label="Журнал аудита" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="at" sort={sort} order={order} onSort={onSort} w={170}>
                  Когда
                </SortableTh>
                <SortableTh column="actor" sort={sort} order={order} onSort={onSort} w={200}>
                  Кто
                </SortableTh>
                <SortableTh column="action" sort={sort} order={order} onSort={onSort} w={200}>
                  Действие
                </SortableTh>
                <Table.Th>Изменения и подробности</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={`${e.id}-${e.entityId ?? ''}`}>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(e.at)}
                    </Text>
                    {e.requestId && (
                      // The request's id, to find it in the server's log: its start, the whole on hover.
                      <Text size="xs" c="dimmed" ff="monospace" title={`Запрос ${e.requestId}`} data-code>
                        запрос {e.requestId.slice(0, 8)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.actorEmail ?? 'система'}</Text>
                    {e.ip && (
                      <Text size="xs" c="dimmed">
                        {e.ip}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{auditSummary(e.action, e.entity, e.details)}</Text>
                    {e.personId && (
                      <Anchor component={Link} to={`/people/${e.personId}`} size="xs">
                        карточка сотрудника
                      </Anchor>
                    )}
                    {!e.personId && e.entity === 'organization' && e.entityId && (
                      <Anchor component={Link} to={`/organizations/${e.entityId}`} size="xs">
                        карточка организации
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Details e={e} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {log.data && (
        <Pager
          page={page}
          total={log.data.total}
          pageSize={PAGE_SIZE}
          onChange={(p) => f.set({ page: p > 1 ? p : null }, { keepPage: true })}
        />
      )}
    </Stack>
  );
}
