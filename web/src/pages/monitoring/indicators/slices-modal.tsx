import { Alert, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SliceKind } from '../../../api/monitoring.ts';
import { formatDate } from '../../../lib/words.ts';
import { SLICES } from '../monitoring-words.ts';
import { SlicesTable, sliceCountText } from '../slices-table.tsx';

/** The indicator whose lines are opened, with how many lines each slice has. */
export interface SlicesTarget {
  indicatorId: string;
  code: string;
  name: string;
  unit: string;
  derived: boolean;
  counts: Record<SliceKind, number | null>;
}

/**
 * One indicator's values by organization (kind, municipality, subject) as of the set page's date
 * and period, loaded when opened and paged by the server — the set's values carry only the counts.
 */
export function SlicesModal({
  setId,
  dates,
  target,
  onClose,
}: {
  setId: string;
  dates: { asOf: string; periodStart: string; periodEnd: string };
  target: SlicesTarget | null;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<SliceKind>('organization');
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? `${target.code}: ${target.name}` : ''}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      {target && (
        <Stack gap="sm" data-testid="slices-modal">
          <Text size="sm" c="dimmed">
            Расчёт на {formatDate(dates.asOf)} · период {formatDate(dates.periodStart)} —{' '}
            {formatDate(dates.periodEnd)}, в пределах вашей зоны ответственности.
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as SliceKind)}
            data={SLICES.map((x) => ({
              value: x.value,
              label: sliceCountText(x.value, target.counts[x.value]),
            }))}
            aria-label="Разрез"
            w="fit-content"
          />
          {kind === 'subject' && (
            <Alert color="blue" variant="light">
              По предметам человек считается в каждом из своих предметов, поэтому сумма по предметам может
              быть больше итога.
            </Alert>
          )}
          <SlicesTable
            key={`${target.indicatorId}:${kind}`}
            source={{ kind: 'set', setId, ...dates }}
            indicatorId={target.indicatorId}
            code={target.code}
            kind={kind}
            unit={target.unit}
            emptyText={
              target.derived
                ? 'Для этого показателя в разрезе нет данных (например, предметный разрез есть только у показателей по педагогам).'
                : 'Ручной показатель вводится одним числом для территории — разрезов у него нет.'
            }
          />
        </Stack>
      )}
    </Modal>
  );
}
