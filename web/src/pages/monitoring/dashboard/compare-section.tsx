import { Button, Paper, Table, Text } from '@mantine/core';
import { type Comparison, useComparison } from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { Section } from '../../../components/page.tsx';
import { TableCard } from '../../../components/table-parts.tsx';
import { downloadCsv } from '../../../lib/csv.ts';
import { formatNumber } from '../../../lib/words.ts';

type Muni = Comparison['municipalities'][number];

function muniValue(m: Muni, indicatorId: string): number | null {
  if (Array.isArray(m.values)) return m.values.find((v) => v.indicatorId === indicatorId)?.value ?? null;
  return m.values[indicatorId] ?? null;
}

/** Region view: each municipality's values of the set's indicators side by side. */
export function CompareSection({ setId }: { setId: string }) {
  const cmp = useComparison(setId, true);
  const inds = (cmp.data?.indicators ?? []).map((i) => ({ ...i, id: i.indicatorId ?? i.id ?? i.code }));
  const munis = cmp.data?.municipalities ?? [];
  return (
    <Section
      title="Сравнение муниципалитетов"
      actions={
        munis.length > 0 ? (
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              downloadCsv(
                'сравнение-муниципалитетов.csv',
                ['Муниципалитет', ...inds.map((i) => i.code)],
                munis.map((m) => [m.name, ...inds.map((i) => muniValue(m, i.id) ?? '')]),
              )
            }
          >
            Скачать CSV
          </Button>
        ) : undefined
      }
    >
      <ErrorAlert error={cmp.error} title="Не удалось сравнить муниципалитеты" />
      {cmp.isPending && <LoadingRows rows={3} label="Сравнение муниципалитетов" />}
      {cmp.data && munis.length === 0 && (
        <Paper withBorder>
          <Empty title="Муниципалитетов для сравнения нет" />
        </Paper>
      )}
      {munis.length > 0 && (
        <TableCard
          loading={cmp.isFetching && !cmp.isPending}
          minWidth={Math.max(700, 200 + inds.length * 70)}
        >
          <Table fz="sm" striped withColumnBorders aria-label="Сравнение муниципалитетов">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Муниципалитет</Table.Th>
                {inds.map((i) => (
                  <Table.Th key={i.id} ta="right" title={i.name}>
                    {i.code}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {munis.map((m) => (
                <Table.Tr key={m.id ?? m.municipalityId ?? m.name}>
                  <Table.Td>{m.name}</Table.Td>
                  {inds.map((i) => {
                    const v = muniValue(m, i.id);
                    const below = v !== null && i.target !== null && i.target !== undefined && v < i.target;
                    return (
                      <Table.Td key={i.id} ta="right">
                        <Text size="sm" c={below ? 'red.8' : undefined}>
                          {formatNumber(v, 1)}
                        </Text>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
    </Section>
  );
}
