import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCampaigns, useFrameworks } from '../../api/assessment.ts';
import { fromUrl } from '../../api/client.ts';
import { useOrganizations } from '../../api/queries.ts';
import {
  afterGenerationSettingsSaved,
  type GenerationSettings,
  JOB_STATUS,
  ROUTE_STATUS,
  type RouteStatus,
  type RoutesQuery,
  routesExportHref,
  saveGenerationSettings,
  startGeneration,
  useCuratorUsers,
  useGenerationJobs,
  useGenerationSettings,
  useRoutes,
} from '../../api/routes.ts';
import { useMe } from '../../auth/session.tsx';
import { ListEmpty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { Pager, type SortOrder, TableCard } from '../../components/table-parts.tsx';
import { useUrlState, useUrlText } from '../../lib/use-url-state.ts';
import { formatDateTime, plural } from '../../lib/words.ts';
import { FrameworkPresetOffer } from '../assessment/framework-presets.tsx';
import { competencyOptions } from './route-refs.ts';
import { RoutesTable } from './routes-table.tsx';

const PAGE_SIZE = 50;
const FILTERS = [
  'status',
  'organizationId',
  'curatorUserId',
  'withoutCurator',
  'campaignId',
  'competencyId',
  'q',
] as const;

/** The curator filter's choice of routes that have none (the `withoutCurator` key of the URL). */
const NO_CURATOR = 'none';

const STATUS_OPTIONS = [
  { value: '', label: 'Все статусы' },
  ...(Object.keys(ROUTE_STATUS) as RouteStatus[]).map((k) => ({ value: k, label: ROUTE_STATUS[k].label })),
];

/** The generator's parameters; only the administrator changes them (the API allows only them). */
function GenerationSettingsPanel({ editable }: { editable: boolean }) {
  const settings = useGenerationSettings();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<GenerationSettings | null>(null);
  const save = useMutation({
    mutationFn: saveGenerationSettings,
    onSuccess: (v) => {
      afterGenerationSettingsSaved(qc, v);
      setDraft(null);
    },
  });
  // The panel sits inside the generation form: Enter in its fields saves the parameters
  // instead of starting the generation.
  const saveOnEnter = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || !draft) return;
    e.preventDefault();
    save.mutate(draft);
  };
  const s = settings.data;
  if (!s) return <ErrorAlert error={settings.error} title="Параметры формирования не загружены" />;
  const num = (key: keyof GenerationSettings, label: string, min: number, max: number) => (
    <NumberInput
      label={label}
      min={min}
      max={max}
      value={(draft ?? s)[key] as number}
      onChange={(n) => setDraft({ ...(draft ?? s), [key]: typeof n === 'number' ? n : Number(n) || min })}
    />
  );
  return (
    <Paper withBorder p="sm" bg="gray.0">
      {draft ? (
        <Stack gap="xs" onKeyDown={saveOnEnter}>
          <SimpleGrid cols={2} spacing="xs">
            {num('hoursPerHalfYear', 'Часов в полугодие, не более', 8, 1000)}
            {num('horizonMonths', 'Горизонт планирования, мес.', 1, 36)}
            {num('mentoringHours', 'Часов наставничества', 1, 200)}
            {num('selfEducationHours', 'Часов самообразования', 1, 200)}
            {num('eventHours', 'Часов на одно мероприятие плана', 1, 100)}
            {num('routesPerCurator', 'Маршрутов у куратора, не более', 1, 500)}
          </SimpleGrid>
          <Checkbox
            label="Включать частично сформированные компетенции"
            checked={draft.includePartial}
            onChange={(e) => setDraft({ ...draft, includePartial: e.currentTarget.checked })}
          />
          <ErrorAlert error={save.error} title="Параметры не сохранены" />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setDraft(null)}>
              Отмена
            </Button>
            <Button size="xs" loading={save.isPending} onClick={() => save.mutate(draft)}>
              Сохранить параметры
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed">
            Не более {s.hoursPerHalfYear} ч в полугодие и {Math.ceil(s.hoursPerHalfYear / 6)} ч в месяц,
            горизонт {s.horizonMonths} мес., наставничество {s.mentoringHours} ч, самообразование{' '}
            {s.selfEducationHours} ч, мероприятие плана {s.eventHours} ч; у куратора не более{' '}
            {s.routesPerCurator} маршрутов (сначала кураторы школы педагога, затем методисты);{' '}
            {s.includePartial
              ? 'частично сформированные компетенции тоже включаются.'
              : 'только дефициты, без частично сформированных.'}
          </Text>
          {editable && (
            <Button size="compact-xs" variant="subtle" onClick={() => setDraft(s)}>
              Изменить
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}

/** «Сформировать маршруты»: framework, optionally one campaign's participants or one organization. */
function GenerateModal({
  opened,
  onClose,
  editableSettings,
}: {
  opened: boolean;
  onClose: () => void;
  editableSettings: boolean;
}) {
  const navigate = useNavigate();
  const frameworks = useFrameworks();
  const campaigns = useCampaigns(opened);
  // An empty framework stands for the first one: the list may arrive after the dialog opens.
  const frameworkOf = (chosen: string) => chosen || frameworks.data?.items[0]?.id || '';
  const noFrameworks = frameworks.data && frameworks.data.items.length === 0;
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Сформировать маршруты"
      initialValues={() => ({ frameworkId: '', campaignId: '', organizationId: '' })}
      validate={(v) => ({ frameworkId: frameworkOf(v.frameworkId) ? null : 'Выберите рамку компетенций' })}
      submit={(v) =>
        startGeneration({
          frameworkId: frameworkOf(v.frameworkId),
          campaignId: v.campaignId || undefined,
          organizationId: v.organizationId || undefined,
        })
      }
      onSuccess={({ jobId }) => navigate(`/routes/generation/${jobId}`)}
      submitLabel="Сформировать"
      errorTitle="Формирование не запущено"
    >
      {(form) => {
        const fw = frameworkOf(form.values.frameworkId);
        const campaignItems = (campaigns.data?.items ?? []).filter(
          (c) => !c.frameworkId || c.frameworkId === fw,
        );
        return (
          <>
            <Text size="sm" c="dimmed">
              Черновики маршрутов строятся для каждого педагога с дефицитами по последним результатам
              диагностики. Черновики, которые ещё никто не согласовал, будут построены заново; согласованные и
              выполняемые маршруты не меняются.
            </Text>
            {noFrameworks ? (
              <Stack gap="xs">
                <Text size="sm" c="red.8">
                  Нет ни одной рамки компетенций: загрузите типовую, затем проведите диагностику.
                </Text>
                <FrameworkPresetOffer compact />
              </Stack>
            ) : (
              <NativeSelect
                label="Рамка компетенций"
                required
                data={(frameworks.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
                {...form.getInputProps('frameworkId')}
                value={fw}
                onChange={(e) => {
                  form.setFieldValue('frameworkId', e.currentTarget.value);
                  form.setFieldValue('campaignId', '');
                }}
              />
            )}
            <NativeSelect
              label="Кампания диагностики"
              description="Только участники и результаты выбранной кампании"
              data={[
                { value: '', label: 'Все результаты по рамке' },
                ...campaignItems.map((c) => ({ value: c.id, label: c.name })),
              ]}
              {...form.getInputProps('campaignId')}
            />
            <OrganizationSelect
              allLabel="Все организации в моей зоне"
              {...form.getInputProps('organizationId')}
            />
            <GenerationSettingsPanel editable={editableSettings} />
          </>
        );
      }}
    </ModalForm>
  );
}

function RecentJobs() {
  const jobs = useGenerationJobs();
  const items = (jobs.data?.items ?? []).slice(0, 5);
  if (jobs.error || items.length === 0) return null;
  return (
    <Section title="Последние запуски формирования">
      <TableCard loading={false} minWidth={640}>
        <Table fz="sm" verticalSpacing={4} aria-label="Запуски формирования">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={160}>Запущено</Table.Th>
              <Table.Th w={120}>Состояние</Table.Th>
              <Table.Th>Итог</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/routes/generation/${j.id}`} size="sm">
                    {formatDateTime(j.createdAt)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={JOB_STATUS[j.status]?.color ?? 'gray'} variant="light" size="sm">
                    {JOB_STATUS[j.status]?.label ?? j.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {j.result
                      ? `создано ${j.result.routesCreated}, пересоздано ${j.result.routesRegenerated}, пунктов ${j.result.itemsCreated}`
                      : (j.message ?? '—')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableCard>
    </Section>
  );
}

export default function RoutesPage() {
  const me = useMe();
  const f = useUrlState();
  const canGenerate = me.capabilities.routes.generateRoutes;
  const orgs = useOrganizations();
  const frameworks = useFrameworks();
  const campaigns = useCampaigns();
  // A school head may be refused the list of users: the curator filter then simply is not shown.
  const curators = useCuratorUsers();
  const [generating, setGenerating] = useState(false);

  const [q, setQ] = useUrlText(f, 'q');

  const filters: Record<string, string> = {};
  for (const k of FILTERS) if (f.get(k)) filters[k] = f.get(k);
  const hasFilters = Object.keys(filters).length > 0;
  const page = Math.max(1, Number(f.get('page')) || 1);

  const sort = f.get('sort') || 'fullName';
  const order: SortOrder = f.get('order') === 'desc' ? 'desc' : 'asc';
  const onSort = (column: string, next: SortOrder) => f.set({ sort: column, order: next });
  const routes = useRoutes(fromUrl<RoutesQuery>({ ...filters, page, pageSize: PAGE_SIZE, sort, order }));
  const exportHref = (format: 'xlsx' | 'csv') => routesExportHref(fromUrl({ format, ...filters }));
  const data = routes.data;
  const manyOrgs = (orgs.data?.total ?? 0) > 1 || Boolean(f.get('organizationId'));
  const curatorItems = curators.data ?? [];
  const campaignItems = campaigns.data?.items ?? [];
  const competencies = competencyOptions(frameworks.data?.items);

  return (
    <Stack gap="md">
      <PageHeader
        title="Индивидуальные образовательные маршруты"
        description="Маршруты педагогов по дефицитам диагностики: согласование, выполнение, подтверждение куратором."
        actions={
          <>
            {canGenerate && <Button onClick={() => setGenerating(true)}>Сформировать маршруты</Button>}
            <Button component={Link} to="/routes/effect" variant="light">
              Эффект маршрутов
            </Button>
            <Button component="a" href={exportHref('xlsx')} download variant="light">
              Экспорт XLSX
            </Button>
            <Button component="a" href={exportHref('csv')} download variant="default">
              CSV
            </Button>
          </>
        }
      />

      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
          <TextInput
            label="Поиск"
            placeholder="ФИО педагога"
            type="search"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <NativeSelect
            label="Статус"
            data={STATUS_OPTIONS}
            value={f.get('status')}
            onChange={(e) => f.set({ status: e.currentTarget.value })}
          />
          {manyOrgs && (
            <OrganizationSelect
              value={f.get('organizationId')}
              onChange={(v) => f.set({ organizationId: v })}
            />
          )}
          {curatorItems.length > 0 && (
            <NativeSelect
              label="Куратор"
              data={[
                { value: '', label: 'Все кураторы' },
                { value: NO_CURATOR, label: 'Без куратора' },
                ...curatorItems.map((u) => ({ value: u.id, label: u.fullName })),
              ]}
              value={f.flag('withoutCurator') ? NO_CURATOR : f.get('curatorUserId')}
              onChange={(e) => {
                const v = e.currentTarget.value;
                f.set(
                  v === NO_CURATOR
                    ? { curatorUserId: '', withoutCurator: true }
                    : { curatorUserId: v, withoutCurator: false },
                );
              }}
            />
          )}
          {campaignItems.length > 0 && (
            <NativeSelect
              label="Кампания диагностики"
              data={[
                { value: '', label: 'Все кампании' },
                ...campaignItems.map((c) => ({ value: c.id, label: c.name })),
              ]}
              value={f.get('campaignId')}
              onChange={(e) => f.set({ campaignId: e.currentTarget.value })}
            />
          )}
          {competencies.length > 0 && (
            <NativeSelect
              label="Компетенция"
              data={[{ value: '', label: 'Все компетенции' }, ...competencies]}
              value={f.get('competencyId')}
              onChange={(e) => f.set({ competencyId: e.currentTarget.value })}
            />
          )}
        </SimpleGrid>
        {hasFilters && (
          <Group justify="flex-end" mt="xs">
            <Button variant="subtle" size="compact-sm" onClick={() => f.clear()}>
              Сбросить фильтры
            </Button>
          </Group>
        )}
      </Paper>

      <ErrorAlert error={routes.error} title="Не удалось загрузить маршруты" />

      {data && (
        <Text fw={600} role="status" aria-live="polite" data-testid="routes-count">
          Найдено: {data.total.toLocaleString('ru-RU')}{' '}
          {plural(data.total, 'маршрут', 'маршрута', 'маршрутов')}
        </Text>
      )}
      {routes.isPending && <LoadingRows rows={8} label="Загрузка маршрутов" />}

      {data && data.total === 0 && (
        <ListEmpty
          filtered={hasFilters}
          onClear={() => f.clear()}
          filteredTitle="По этим условиям маршрутов нет"
          filteredHint="Ослабьте фильтры или выберите «Все» в списках."
          title="Маршрутов пока нет"
          description={
            canGenerate
              ? 'Маршруты строятся по дефицитам диагностики: закройте кампанию диагностики или загрузите результаты — формирование начнётся само. Можно запустить его и вручную.'
              : 'Маршруты появятся, когда методист сформирует их по итогам диагностики.'
          }
          actions={
            canGenerate ? (
              <Button onClick={() => setGenerating(true)}>Сформировать маршруты</Button>
            ) : undefined
          }
        />
      )}

      {data && data.total > 0 && (
        <RoutesTable
          items={data.items}
          loading={routes.isPlaceholderData}
          sorting={{ sort, order, onSort }}
        />
      )}
      {data && (
        <Pager
          page={page}
          total={data.total}
          pageSize={PAGE_SIZE}
          onChange={(p) => f.set({ page: p > 1 ? p : null }, { keepPage: true })}
        />
      )}

      {canGenerate && <RecentJobs />}
      {canGenerate && (
        <GenerateModal
          opened={generating}
          onClose={() => setGenerating(false)}
          editableSettings={me.capabilities.admin.settings}
        />
      )}
    </Stack>
  );
}
