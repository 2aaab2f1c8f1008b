import { Alert, Anchor, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import {
  defaultFramework,
  generationJobOf,
  resultsImportUrl,
  resultsTemplateHref,
  useCampaigns,
  useFrameworks,
} from '../../api/assessment.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ImportUpload } from '../../components/import-upload.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { CAMPAIGN_STATUS } from './assessment-words.ts';
import { FrameworkPresetOffer } from './framework-presets.tsx';

/** Results of regional centres (or any outside procedure) loaded from a spreadsheet. */
export default function ResultsImportPage() {
  const me = useMe();
  const f = useUrlState();
  const allowed = me.capabilities.assessment.importResults;
  const frameworks = useFrameworks();
  const campaigns = useCampaigns(allowed);
  if (!allowed) return <NoAccess />;

  const frameworkId = f.get('frameworkId') || defaultFramework(frameworks.data?.items)?.id || '';
  const campaignId = f.get('campaignId');
  const ofFramework = (campaigns.data?.items ?? []).filter(
    (c) => !c.frameworkId || c.frameworkId === frameworkId,
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title="Импорт результатов диагностики"
        description="Результаты региональных центров оценки и других процедур: по строке на педагога, по столбцу на каждую компетенцию (процент выполнения). Педагог находится по СНИЛС или по ФИО и дате рождения."
      />
      <ErrorAlert error={frameworks.error ?? campaigns.error} />
      <Section title="1. Карта компетенций и кампания">
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={820}>
          <NativeSelect
            label="Карта компетенций"
            description="Коды компетенций в столбцах файла — из этой карты"
            data={(frameworks.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={frameworkId}
            onChange={(e) => f.set({ frameworkId: e.currentTarget.value, campaignId: '' })}
          />
          <NativeSelect
            label="Кампания (необязательно)"
            description="Результаты будут отнесены к этой волне диагностики"
            data={[
              { value: '', label: 'Без кампании' },
              ...ofFramework.map((c) => ({
                value: c.id,
                label: `${c.name} (${CAMPAIGN_STATUS[c.status].label})`,
              })),
            ]}
            value={campaignId}
            onChange={(e) => f.set({ campaignId: e.currentTarget.value })}
          />
        </SimpleGrid>
        {frameworkId ? (
          <Group gap="sm">
            <Text size="sm">Шаблон со столбцами этой карты:</Text>
            <Anchor href={resultsTemplateHref({ frameworkId, format: 'xlsx' })} download size="sm">
              Скачать шаблон XLSX
            </Anchor>
            <Anchor href={resultsTemplateHref({ frameworkId, format: 'csv' })} download size="sm">
              Скачать шаблон CSV
            </Anchor>
          </Group>
        ) : (
          frameworks.data && (
            <Stack gap="xs">
              <Text size="sm" c="orange.8">
                Карт компетенций пока нет — загрузите типовую, и здесь появится шаблон с её столбцами.
              </Text>
              <FrameworkPresetOffer compact />
            </Stack>
          )
        )}
      </Section>
      <ImportUpload
        key={`${frameworkId}:${campaignId}`}
        disabled={!frameworkId}
        disabledHint="Сначала выберите карту компетенций"
        after={(report) => {
          // A committed import starts building routes for the people with deficits.
          const jobId = generationJobOf(report);
          return jobId ? (
            <Alert color="teal" title="Запущено формирование маршрутов">
              <Anchor component={Link} to={`/routes/generation/${jobId}`} size="sm">
                Формирование маршрутов: ход работы
              </Anchor>
            </Alert>
          ) : null;
        }}
        url={({ dryRun, mode }) =>
          resultsImportUrl({ frameworkId, campaignId, dryRun: dryRun ? 'true' : 'false', mode })
        }
      />
    </Stack>
  );
}
