import { SimpleGrid, Text } from '@mantine/core';
import type { TargetStatus } from '../../api/monitoring.ts';
import { Stat } from '../../components/stat.tsx';

/** How many indicators reached their target, are at risk, fell short: the head of a monitoring and of a dashboard. */
export function TargetStatusStats({ statuses }: { statuses: (TargetStatus | null)[] }) {
  const counts = { achieved: 0, at_risk: 0, not_achieved: 0, no_data: 0 };
  for (const s of statuses) if (s) counts[s]++;
  const coloured = (n: number, color: string) => (
    <Text span c={color} inherit>
      {n}
    </Text>
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: counts.no_data > 0 ? 5 : 4 }}>
      <Stat label="Показателей" value={statuses.length} />
      <Stat label="Достигнуто" value={coloured(counts.achieved, 'teal.8')} />
      <Stat label="Под угрозой" value={coloured(counts.at_risk, 'yellow.8')} />
      <Stat label="Не достигнуто" value={coloured(counts.not_achieved, 'red.8')} />
      {counts.no_data > 0 && <Stat label="Нет данных" value={counts.no_data} />}
    </SimpleGrid>
  );
}
