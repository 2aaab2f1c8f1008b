import { Anchor, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { drilldownExportHref, type MemberPart, useDrilldown } from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';

export interface DrillTarget {
  indicatorId: string;
  code: string;
  name: string;
  part: MemberPart;
  organizationId?: string | null;
  organizationLabel?: string | null;
}

const PART_WORDS: Record<MemberPart, string> = {
  numerator: 'числитель',
  denominator: 'знаменатель',
  value: 'значение',
};

/**
 * The people (or organizations, vacancies, routes) a figure counted, within the viewer's scope;
 * the server records the read in the audit log.
 */
export function DrilldownModal({
  monitoringId,
  target,
  onClose,
}: {
  monitoringId: string;
  target: DrillTarget | null;
  onClose: () => void;
}) {
  const q = target
    ? {
        indicatorId: target.indicatorId,
        part: target.part,
        organizationId: target.organizationId ?? undefined,
      }
    : null;
  const drill = useDrilldown(monitoringId, q);
  const items = drill.data?.items ?? [];
  const columns = drill.data?.columns ?? { name: 'Наименование', detail: '' };
  const people = drill.data?.memberKind === 'person';
  const exportHref = q ? drilldownExportHref(monitoringId, q) : '#';
  const title = target
    ? `${target.code}: ${PART_WORDS[target.part]}${target.organizationLabel ? ` — ${target.organizationLabel}` : ''}`
    : '';
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={title}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <Stack gap="sm" data-testid="drilldown">
        {target && (
          <Text size="sm" c="dimmed">
            {target.name}
          </Text>
        )}
        <ErrorAlert error={drill.error} title="Не удалось загрузить список" />
        {drill.isPending && <LoadingRows rows={5} label="Загрузка списка" />}
        {drill.data && items.length === 0 && (
          <Empty
            title="Никого не посчитано"
            description="В вашей области доступа нет ни одного человека или организации в этой части показателя."
          />
        )}
        {items.length > 0 && (
          <>
            <Group justify="space-between">
              <Text size="sm">
                Всего: <b data-testid="drilldown-total">{items.length}</b>
                {drill.data?.frozen ? ' · зафиксировано при закрытии' : ' · текущий расчёт'}
              </Text>
              <Group gap="xs">
                <Button size="xs" variant="light" component="a" href={exportHref} download>
                  Скачать XLSX
                </Button>
              </Group>
            </Group>
            <Paper withBorder mah={420} style={{ overflow: 'auto' }}>
              <Table fz="sm" striped stickyHeader aria-label="Кто посчитан">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{columns.name}</Table.Th>
                    <Table.Th>Организация</Table.Th>
                    {columns.detail && <Table.Th>{columns.detail}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => (
                    <Table.Tr key={`${m.id}:${m.organizationId}`}>
                      <Table.Td>
                        {people ? (
                          <Anchor component={Link} to={`/people/${m.id}`} size="sm">
                            {m.name}
                          </Anchor>
                        ) : (
                          m.name
                        )}
                      </Table.Td>
                      <Table.Td>{m.organization}</Table.Td>
                      {columns.detail && <Table.Td>{m.detail}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </>
        )}
      </Stack>
    </Modal>
  );
}
