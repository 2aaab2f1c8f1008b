import { Box, Group, Text } from '@mantine/core';

const STATUS_COLORS: Record<string, string> = {
  achieved: 'teal',
  at_risk: 'yellow',
  not_achieved: 'red',
};

/**
 * A bullet bar: the value as a filled bar, the target as a dark tick, on a common scale. Drawn
 * with CSS like components/bars.tsx; the figures are text beside it for screen readers.
 */
export function BulletBar({
  value,
  target,
  max,
  status,
  label,
  valueText,
}: {
  value: number | null;
  target: number | null;
  max: number;
  status: string | null | undefined;
  label: string;
  valueText: string;
}) {
  const scale = Math.max(1, max);
  const w = (n: number) => `${Math.max(0, Math.min(100, (n / scale) * 100))}%`;
  const color = STATUS_COLORS[status ?? ''] ?? 'blue';
  return (
    <Group gap="sm" wrap="nowrap" aria-label={label} role="img">
      <Box pos="relative" style={{ flex: 1 }} h={16} bg="gray.1" aria-hidden>
        {value !== null && (
          <Box
            h="100%"
            w={w(value)}
            bg={`var(--mantine-color-${color}-6)`}
            style={{ borderRadius: 2, minWidth: value ? 2 : 0 }}
          />
        )}
        {target !== null && (
          <Box
            pos="absolute"
            top={-3}
            left={w(target)}
            w={3}
            h={22}
            bg="dark.6"
            style={{ transform: 'translateX(-1px)' }}
          />
        )}
      </Box>
      <Text size="sm" w={88} ta="right" style={{ flexShrink: 0 }}>
        {valueText}
      </Text>
    </Group>
  );
}
