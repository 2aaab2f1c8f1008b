import { Anchor, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type CatalogImportKind, catalogImportUrl, catalogTemplateUrl } from '../../api/catalog.ts';
import type { Capabilities } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { ImportUpload } from '../../components/import-upload.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';

const KINDS: {
  value: CatalogImportKind;
  label: string;
  hint: string;
  allowed: (c: Capabilities) => boolean;
}[] = [
  {
    value: 'programs',
    label: 'Программы ДПО',
    hint: 'Каталог программ: код, название, вид, часы, организация, форма, федеральный реестр, направления, коды компетенций и потоки (даты начала и окончания).',
    allowed: (c: Capabilities) => c.catalog.importPrograms,
  },
  {
    value: 'trainings',
    label: 'Удостоверения и дипломы',
    hint: 'Пройденное педагогами обучение: педагог (СНИЛС или ФИО и дата рождения), документ, номер, дата, часы, программа.',
    allowed: (c: Capabilities) => c.catalog.importTrainings,
  },
];

/** Spreadsheet imports of the catalog: programs (catalog editors) and trainings (registry keepers). */
export default function CatalogImportPage() {
  const me = useMe();
  const f = useUrlState();
  const kinds = KINDS.filter((k) => k.allowed(me.capabilities));
  const kind = kinds.find((k) => k.value === f.get('kind')) ?? kinds[0];
  if (!kind) return <NoAccess />;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/catalog/programs" size="sm">
        ← Каталог программ
      </Anchor>
      <PageHeader
        title="Каталог программ: импорт"
        description="Загрузка из электронных таблиц (XLSX) или CSV. Сначала проверьте файл — ничего не запишется, пока вы не выберете загрузку."
      />
      <Section title="1. Что загружаем">
        {kinds.length > 1 && (
          <SegmentedControl
            value={kind.value}
            onChange={(k) => f.set({ kind: k })}
            data={kinds.map((k) => ({ value: k.value, label: k.label }))}
            aria-label="Вид данных"
            maw={520}
          />
        )}
        <Text size="sm">{kind.hint}</Text>
        <Group gap="sm">
          <Text size="sm">Шаблон с нужными столбцами:</Text>
          <Anchor href={catalogTemplateUrl(kind.value, 'xlsx')} download size="sm">
            Скачать шаблон XLSX
          </Anchor>
          <Anchor href={catalogTemplateUrl(kind.value, 'csv')} download size="sm">
            Скачать шаблон CSV
          </Anchor>
        </Group>
      </Section>
      <ImportUpload key={kind.value} url={(opts) => catalogImportUrl(kind.value, opts)} />
    </Stack>
  );
}
