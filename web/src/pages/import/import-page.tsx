import { Anchor, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { registryImportUrl, registryTemplateUrl } from '../../api/directory.ts';
import type { ImportKind } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { ImportUpload } from '../../components/import-upload.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { IMPORT_KINDS } from '../../lib/words.ts';

export default function ImportPage() {
  const me = useMe();
  const f = useUrlState();
  const kinds = IMPORT_KINDS.filter(
    (k) => k.value !== 'orgs' || me.capabilities.directory.importOrganizations,
  );
  const kind: ImportKind = kinds.find((k) => k.value === f.get('kind'))?.value ?? 'staff';
  const kindInfo = kinds.find((k) => k.value === kind)!;
  if (!me.capabilities.directory.manageRegistry) return <NoAccess />;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Импорт"
        description="Загрузка сведений из электронных таблиц (XLSX) или CSV. Сначала проверьте файл — в реестр ничего не запишется, пока вы не выберете загрузку."
      />

      <Section title="1. Что загружаем">
        <SegmentedControl
          value={kind}
          onChange={(k) => f.set({ kind: k })}
          data={kinds.map((k) => ({ value: k.value, label: k.label }))}
          aria-label="Вид данных"
          fullWidth
          maw={820}
        />
        <Text size="sm">{kindInfo.hint}</Text>
        <Group gap="sm">
          <Text size="sm">Шаблон с нужными столбцами:</Text>
          <Anchor href={registryTemplateUrl(kind, 'xlsx')} download size="sm">
            Скачать шаблон XLSX
          </Anchor>
          <Anchor href={registryTemplateUrl(kind, 'csv')} download size="sm">
            Скачать шаблон CSV
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          Программы ДПО и удостоверения педагогов загружаются в разделе{' '}
          <Anchor component={Link} to="/catalog/import" size="sm">
            «Каталог программ: импорт»
          </Anchor>
          , результаты диагностики — на странице{' '}
          <Anchor component={Link} to="/assessment/results-import" size="sm">
            «Импорт результатов диагностики»
          </Anchor>
          .
        </Text>
      </Section>

      <ImportUpload key={kind} url={(opts) => registryImportUrl(kind, opts)} />
    </Stack>
  );
}
