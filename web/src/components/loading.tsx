import { Skeleton, Stack } from '@mantine/core';

export function LoadingRows({ rows = 6, label = 'Загрузка данных' }: { rows?: number; label?: string }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={i} height={28} radius="sm" />
      ))}
    </Stack>
  );
}
