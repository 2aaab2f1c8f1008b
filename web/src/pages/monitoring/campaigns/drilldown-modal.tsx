import { Anchor, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type DrillMember, type MemberPart, useDrilldown } from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { downloadCsv } from '../../../lib/csv.ts';

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

const nameOf = (m: DrillMember) => m.fullName ?? m.name ?? m.label ?? m.id;
const orgOf = (m: DrillMember) => m.organizationName ?? m.organization ?? '';

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
    ? { indicatorId: target.indicatorId, part: target.part, organizationId: target.organizationId ?? null }
    : null;
  const drill = useDrilldown(monitoringId, q);
  const items = drill.data?.items ?? [];
  const people = items.some((m) => m.fullName || m.position !== undefined || m.kind === 'person');
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
                Всего: <b data-testid="drilldown-total">{drill.data?.total ?? items.length}</b>
              </Text>
              <Button
                size="xs"
                variant="default"
                onClick={() =>
                  downloadCsv(
                    `${target?.code ?? 'показатель'}-${target?.part ?? ''}.csv`,
                    people ? ['ФИО', 'Организация', 'Должность'] : ['Наименование', 'Организация'],
                    items.map((m) =>
                      people ? [nameOf(m), orgOf(m), m.position ?? ''] : [nameOf(m), orgOf(m)],
                    ),
                  )
                }
              >
                Скачать CSV
              </Button>
            </Group>
            <Paper withBorder mah={420} style={{ overflow: 'auto' }}>
              <Table fz="sm" striped stickyHeader aria-label="Кто посчитан">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{people ? 'ФИО' : 'Наименование'}</Table.Th>
                    <Table.Th>Организация</Table.Th>
                    {people && <Table.Th>Должность</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        {people && (m.personId ?? m.id) ? (
                          <Anchor component={Link} to={`/people/${m.personId ?? m.id}`} size="sm">
                            {nameOf(m)}
                          </Anchor>
                        ) : (
                          nameOf(m)
                        )}
                      </Table.Td>
                      <Table.Td>{orgOf(m)}</Table.Td>
                      {people && <Table.Td>{m.position ?? ''}</Table.Td>}
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
