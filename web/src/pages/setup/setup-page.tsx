import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useSetupStatus, useTerritorySummary } from '../../api/setup.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader } from '../../components/page.tsx';
import { type SetupStep, type SetupStepKey, STEP_TEXT } from './setup-words.ts';
import { MethodistForm, MunicipalitiesForm, NameList, RegionForm } from './territory-forms.tsx';

type Dialog = 'region' | 'municipalities' | 'methodist' | null;

/**
 * «Начало работы»: on an installation without the demo, the steps from an empty database to
 * one's own registry — region, municipalities, the first methodist, then the four imports in
 * order and the teachers' invitations — each with its status and what it opens up.
 */
export default function SetupPage() {
  const me = useMe();
  const can = me.capabilities.directory;
  const status = useSetupStatus({ enabled: can.setUp });
  const summary = useTerritorySummary({ enabled: can.manageTerritories });
  const [dialog, setDialog] = useState<Dialog>(null);
  if (!can.setUp) return <NoAccess />;

  const steps = status.data?.steps ?? [];
  const done = steps.filter((s) => s.done).length;
  const regions = summary.data?.regions ?? [];
  const municipalities = summary.data?.municipalities ?? [];
  const addable = regions.filter((r) => me.role === 'admin' || r.id === me.regionId);

  return (
    <Stack gap="md">
      <PageHeader
        title="Начало работы"
        description="От пустой системы до своего реестра: регион, муниципалитеты, первый методист, затем таблицы — организации, кадры, вакансии, штатное расписание. Каждый шаг открывает следующие разделы."
        actions={
          can.manageTerritories && (
            <Button component={Link} to="/territories" variant="default">
              Регионы и муниципалитеты
            </Button>
          )
        }
      />
      <ErrorAlert error={status.error} title="Не удалось загрузить шаги" />
      {status.isPending && <LoadingRows rows={4} />}
      {status.data && (
        <Paper withBorder p="sm" maw={860}>
          <Group justify="space-between" mb={6}>
            <Text fw={600} role="status" data-testid="setup-progress">
              Сделано шагов: {done} из {steps.length}
            </Text>
            {status.data.next && (
              <Text size="sm" c="dimmed">
                Следующий: {STEP_TEXT[status.data.next].title}
              </Text>
            )}
          </Group>
          <Progress value={steps.length ? (done / steps.length) * 100 : 0} aria-label="Ход настройки" />
        </Paper>
      )}
      {status.data && status.data.next === null && (
        <Alert color="teal" title="Всё готово" maw={860}>
          Реестр загружен, педагоги приглашены. Дальше — диагностика, маршруты и мониторинг в разделах меню.
        </Alert>
      )}

      <Stack component="ol" gap="sm" p={0} m={0} maw={860} style={{ listStyle: 'none' }}>
        {steps.map((step, i) => (
          <StepCard key={step.key} step={step} n={i + 1} next={status.data?.next === step.key}>
            <StepBody
              step={step}
              variant={step.done ? 'default' : status.data?.next === step.key ? 'filled' : 'light'}
              regions={regions.map((r) => r.name)}
              municipalities={municipalities.map((m) => m.name)}
              noRegion={addable.length === 0}
              noMunicipality={municipalities.length === 0}
              open={setDialog}
              bulkInvite={can.bulkInvite}
            />
          </StepCard>
        ))}
      </Stack>

      <RegionForm opened={dialog === 'region'} onClose={() => setDialog(null)} />
      <MunicipalitiesForm
        opened={dialog === 'municipalities'}
        onClose={() => setDialog(null)}
        regions={addable}
      />
      <MethodistForm
        opened={dialog === 'methodist'}
        onClose={() => setDialog(null)}
        municipalities={municipalities}
      />
    </Stack>
  );
}

function StepCard({
  step,
  n,
  next,
  children,
}: {
  step: SetupStep;
  n: number;
  next: boolean;
  children: ReactNode;
}) {
  const text = STEP_TEXT[step.key];
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      aria-label={text.title}
      data-step={step.key}
      style={next ? { borderColor: 'var(--mantine-color-blue-5)' } : undefined}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon radius="xl" size="lg" color={step.done ? 'teal' : next ? 'blue' : 'gray'} variant="light">
          {step.done ? '✓' : n}
        </ThemeIcon>
        <Stack gap={6} style={{ flex: 1 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={2} size="h4">
              {text.title}
            </Title>
            <Badge
              color={step.done ? 'teal' : next ? 'blue' : 'gray'}
              variant={step.done ? 'light' : 'outline'}
              data-testid="step-status"
            >
              {step.done ? 'готово' : next ? 'следующий шаг' : 'не сделано'}
            </Badge>
            <Text size="sm" c="dimmed" data-testid="step-count">
              {text.count(step.count)}
            </Text>
          </Group>
          <Text size="sm">{text.unlocks}</Text>
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}

function StepBody({
  step,
  variant,
  regions,
  municipalities,
  noRegion,
  noMunicipality,
  open,
  bulkInvite,
}: {
  step: SetupStep;
  /** The next step's button stands out; a done step's is quiet. */
  variant: 'default' | 'filled' | 'light';
  regions: string[];
  municipalities: string[];
  noRegion: boolean;
  noMunicipality: boolean;
  open: (d: Dialog) => void;
  bulkInvite: boolean;
}) {
  const kind = STEP_TEXT[step.key].importKind;
  const notMine = (who: string) => (
    <Text size="sm" c="dimmed">
      Этот шаг выполняет {who}.
    </Text>
  );
  switch (step.key as SetupStepKey) {
    case 'region':
      return (
        <>
          <NameList names={regions} />
          {step.actionable && (
            <Group>
              <Button size="xs" variant={variant} onClick={() => open('region')}>
                {step.done ? 'Добавить ещё регион' : 'Добавить регион'}
              </Button>
            </Group>
          )}
        </>
      );
    case 'municipalities':
      return (
        <>
          <NameList names={municipalities} />
          {step.actionable && (
            <Group gap="sm">
              <Button size="xs" variant={variant} disabled={noRegion} onClick={() => open('municipalities')}>
                Добавить муниципалитеты
              </Button>
              {step.done && (
                <Anchor component={Link} to="/territories" size="sm">
                  Переименовать
                </Anchor>
              )}
              {noRegion && (
                <Text size="sm" c="dimmed">
                  Сначала добавьте регион.
                </Text>
              )}
            </Group>
          )}
        </>
      );
    case 'methodist':
      if (!step.actionable) return notMine('администратор системы');
      return (
        <Group gap="sm">
          <Button size="xs" variant={variant} disabled={noMunicipality} onClick={() => open('methodist')}>
            {step.done ? 'Ещё один методист' : 'Создать учётную запись методиста'}
          </Button>
          <Anchor component={Link} to="/admin/users" size="sm">
            Все пользователи
          </Anchor>
          {noMunicipality && (
            <Text size="sm" c="dimmed">
              Сначала добавьте муниципалитет.
            </Text>
          )}
        </Group>
      );
    case 'invitations':
      if (!bulkInvite) return notMine('методист или руководитель организации');
      return (
        <Group>
          <Button size="xs" variant={variant} component={Link} to="/invitations">
            Пригласить педагогов
          </Button>
        </Group>
      );
    default:
      if (!kind) return null;
      if (!step.actionable) return notMine('методист муниципалитета');
      return (
        <Group gap="sm">
          <Button size="xs" variant={variant} component={Link} to={`/import?kind=${kind}`}>
            {step.done ? 'Загрузить ещё' : 'Загрузить таблицу'}
          </Button>
          <Anchor href={`/api/import/templates/${kind}?format=xlsx`} download size="sm">
            Шаблон XLSX
          </Anchor>
          <Anchor href={`/api/import/templates/${kind}?format=csv`} download size="sm">
            Шаблон CSV
          </Anchor>
        </Group>
      );
  }
}
