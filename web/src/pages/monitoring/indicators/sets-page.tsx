import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { saveXlsx } from '../../../api/api.ts';
import { type IndicatorSetSummary, useIndicatorSets } from '../../../api/monitoring.ts';
import { useMe } from '../../../auth/session.tsx';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { SortableTh, TableCard } from '../../../components/table-parts.tsx';
import { useClientSort } from '../../../lib/sort.ts';
import { OWNER_LEVELS, SOURCE_DOCUMENTS } from '../monitoring-words.ts';
import { PresetsDialog, SetFormDialog } from './set-dialogs.tsx';

export default function SetsPage() {
  const me = useMe();
  const allowed = me.capabilities.monitoring.readSets;
  const sets = useIndicatorSets(allowed);
  const [presets, setPresets] = useState(false);
  const [creating, setCreating] = useState(false);
  const [copyOf, setCopyOf] = useState<IndicatorSetSummary | null>(null);
  const sorted = useClientSort(
    sets.data ?? [],
    {
      name: (s) => s.name,
      document: (s) =>
        s.sourceDocument ? (SOURCE_DOCUMENTS[s.sourceDocument] ?? s.sourceDocument) : 'свой набор',
      owner: (s) => `${OWNER_LEVELS[s.ownerLevel] ?? s.ownerLevel} ${s.territoryName ?? ''}`,
      indicators: (s) => s.indicators,
    },
    { sort: null },
  );
  if (!allowed) return <NoAccess />;
  const canEdit = me.capabilities.monitoring.createSets;
  const list = sorted.rows;

  const exportCsv = () =>
    saveXlsx(
      'наборы-показателей.xlsx',
      ['Код', 'Название', 'Документ', 'Уровень', 'Территория', 'Показателей', 'Из них вручную'],
      list.map((s) => [
        s.code,
        s.name,
        s.sourceDocument ?? '',
        OWNER_LEVELS[s.ownerLevel] ?? s.ownerLevel,
        s.territoryName ?? '',
        s.indicators,
        s.manualIndicators,
      ]),
    );

  return (
    <Stack gap="md">
      <PageHeader
        title="Показатели"
        description="Наборы показателей мониторинга: формулы, источники данных, целевые значения по годам."
        actions={
          <>
            {canEdit && <Button onClick={() => setPresets(true)}>Загрузить пресет</Button>}
            {canEdit && (
              <Button variant="light" onClick={() => setCreating(true)}>
                Новый набор
              </Button>
            )}
            {list.length > 0 && (
              <Button variant="default" onClick={exportCsv}>
                Скачать XLSX
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={sets.error} title="Не удалось загрузить наборы показателей" />
      {sets.isPending && <LoadingRows rows={4} label="Загрузка наборов" />}
      {sets.data && list.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Наборов показателей пока нет"
            description={
              canEdit
                ? 'Загрузите пресет 003 «Региональный мониторинг»: 25 показателей с формулами и целевыми значениями на 2022–2025 годы. Его можно затем скопировать и отредактировать.'
                : 'Наборы загружает методист муниципалитета или региональный оператор.'
            }
            actions={canEdit ? <Button onClick={() => setPresets(true)}>Загрузить пресет</Button> : undefined}
          />
        </Paper>
      )}
      {list.length > 0 && (
        <TableCard loading={sets.isFetching && !sets.isPending} minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Наборы показателей">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('name')}>Набор</SortableTh>
                <SortableTh {...sorted.th('document')} w={200}>
                  Документ
                </SortableTh>
                <SortableTh {...sorted.th('owner')} w={200}>
                  Владелец
                </SortableTh>
                <SortableTh {...sorted.th('indicators')} w={170}>
                  Показатели
                </SortableTh>
                <Table.Th w={220}>Действия</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/monitoring/indicators/${s.id}`} fw={500} size="sm">
                      {s.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" data-code>
                      {s.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {s.sourceDocument
                        ? (SOURCE_DOCUMENTS[s.sourceDocument] ?? s.sourceDocument)
                        : 'свой набор'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {OWNER_LEVELS[s.ownerLevel] ?? s.ownerLevel}
                      {s.territoryName ? `: ${s.territoryName}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="light">{s.indicators}</Badge>
                      {s.manualIndicators > 0 && (
                        <Badge
                          variant="light"
                          color="grape"
                          title="Значения вводятся вручную или собираются формами"
                        >
                          вручную {s.manualIndicators}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        component={Link}
                        to={`/monitoring/dashboard/${s.id}`}
                        size="compact-xs"
                        variant="light"
                      >
                        Дашборд
                      </Button>
                      {canEdit && (
                        <Button size="compact-xs" variant="default" onClick={() => setCopyOf(s)}>
                          Копировать
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {canEdit && <PresetsDialog opened={presets} onClose={() => setPresets(false)} />}
      {canEdit && <SetFormDialog opened={creating} onClose={() => setCreating(false)} />}
      {canEdit && copyOf && <SetFormDialog opened onClose={() => setCopyOf(null)} copyOf={copyOf} />}
    </Stack>
  );
}
