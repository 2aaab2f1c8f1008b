import { Button, Paper, Table, Text } from '@mantine/core';
import { saveXlsx } from '../../../api/api.ts';
import { type Comparison, useComparison } from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { Section } from '../../../components/page.tsx';
import { TableCard } from '../../../components/table-parts.tsx';
import { formatNumber } from '../../../lib/words.ts';
import { figuresSourceText } from '../figures-source.ts';
import { TARGET_STATUS } from '../monitoring-words.ts';

type Muni = Comparison['municipalities'][number];

const cellOf = (m: Muni, indicatorId: string) => m.values.find((v) => v.indicatorId === indicatorId);
const muniValue = (m: Muni, indicatorId: string) => cellOf(m, indicatorId)?.value ?? null;

/** Region view: each municipality's values of the set's indicators side by side. */
export function CompareSection({ setId, year }: { setId: string; year: number }) {
  const cmp = useComparison(setId, year, true);
  const inds = (cmp.data?.indicators ?? []).map((i) => ({ ...i, id: i.indicatorId }));
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
              saveXlsx(
                'сравнение-муниципалитетов.xlsx',
                ['Муниципалитет', ...inds.map((i) => i.code)],
                munis.map((m) => [m.name, ...inds.map((i) => muniValue(m, i.id) ?? '')]),
              )
            }
          >
            Скачать XLSX
          </Button>
        ) : undefined
      }
    >
      <ErrorAlert error={cmp.error} title="Не удалось сравнить муниципалитеты" />
      {cmp.isPending && <LoadingRows rows={3} label="Сравнение муниципалитетов" />}
      {cmp.data && (
        <Text size="xs" c="dimmed" data-testid="compare-source">
          Значения: {figuresSourceText(cmp.data.source)}; цвет — статус против цели {year} года.
        </Text>
      )}
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
                <Table.Tr key={m.id}>
                  <Table.Td>{m.name}</Table.Td>
                  {inds.map((i) => {
                    const c = cellOf(m, i.id);
                    const ts = c?.targetStatus ? TARGET_STATUS[c.targetStatus] : null;
                    return (
                      <Table.Td key={i.id} ta="right">
                        <Text size="sm" c={ts ? `${ts.color}.8` : undefined} title={ts?.label}>
                          {formatNumber(c?.value ?? null, 1)}
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
