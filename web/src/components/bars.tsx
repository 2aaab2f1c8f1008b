import { Box, Group, Stack, Text } from '@mantine/core';

export interface Bar {
  label: string;
  value: number;
  color: string;
}

/**
 * Horizontal bars drawn with CSS: no chart library, light on an old laptop. The numbers are
 * text, so a screen reader reads the same figures the bars show.
 */
export function Bars({ bars, title }: { bars: Bar[]; title: string }) {
  const total = bars.reduce((s, b) => s + b.value, 0);
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <Stack gap={6} role="list" aria-label={title}>
      {bars.map((b) => {
        const share = total ? Math.round((b.value / total) * 100) : 0;
        return (
          <Group key={b.label} gap="sm" wrap="nowrap" role="listitem">
            <Text size="sm" w={130} style={{ flexShrink: 0 }}>
              {b.label}
            </Text>
            <Box style={{ flex: 1 }} h={18} bg="gray.1" aria-hidden>
              <Box
                h="100%"
                w={`${(b.value / max) * 100}%`}
                bg={`var(--mantine-color-${b.color}-6)`}
                style={{ borderRadius: 2, minWidth: b.value ? 2 : 0 }}
              />
            </Box>
            <Text size="sm" w={90} ta="right" style={{ flexShrink: 0 }}>
              {b.value}{' '}
              <Text span c="dimmed" size="xs">
                ({share}%)
              </Text>
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
