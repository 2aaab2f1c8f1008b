import { Button, Group } from '@mantine/core';

/** «Экспорт XLSX» and «CSV» as download links to what the server writes for the table shown. */
export function ExportLinks({ href }: { href: (format: 'xlsx' | 'csv') => string }) {
  return (
    <Group gap="xs">
      <Button component="a" href={href('xlsx')} download variant="light" size="xs">
        Экспорт XLSX
      </Button>
      <Button component="a" href={href('csv')} download variant="default" size="xs">
        CSV
      </Button>
    </Group>
  );
}
