import { Anchor, Button, Card, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useUsers } from '../api/admin.ts';
import { ApiError } from '../api/api.ts';
import { useOrganizationList, usePerson, useStaffCount, useVacancies } from '../api/directory.ts';
import { useHomeWork } from '../api/home.ts';
import { useLoadThreshold } from '../api/queries.ts';
import { useSetupStatus } from '../api/setup.ts';
import type { Me } from '../api/types.ts';
import { seesRegistry, seesTerritory, useMe } from '../auth/session.tsx';
import { CategoryBadge } from '../components/badges.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDate, monthsUntil, todayIso } from '../lib/words.ts';
import { STEP_TEXT } from './setup/setup-words.ts';

function Counter({
  label,
  to,
  value,
  hint,
}: {
  label: string;
  to: string;
  value: number | undefined;
  hint?: string;
}) {
  return (
    <Card withBorder component={Link} to={to} padding="sm" aria-label={`${label}: ${value ?? '…'}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3} c="blue.8">
        {value === undefined ? '…' : value.toLocaleString('ru-RU')}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function Task({ to, title, text }: { to: string; title: string; text: string }) {
  return (
    <Paper withBorder p="md">
      <Anchor component={Link} to={to} fw={600}>
        {title}
      </Anchor>
      <Text size="sm" c="dimmed" mt={4}>
        {text}
      </Text>
    </Paper>
  );
}

function RegistryHome({ me }: { me: Me }) {
  // A curator sees the people assigned to them, not a territory's organizations.
  const territory = seesTerritory(me);
  const threshold = useLoadThreshold();
  const orgs = useOrganizationList({}, { enabled: territory });
  const people = useStaffCount('people', {});
  const young = useStaffCount('young', { young: 'true' });
  const pension = useStaffCount('pension', { pensionAge: 'true' });
  const overload = useStaffCount('overload', { loadOver30: 'true' });
  const vacancies = useVacancies({ open: 'true' }, { enabled: territory });
  const users = useUsers({}, { enabled: me.capabilities.admin.users });
  const empty = people.data === 0;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        {territory && (
          <Counter
            label="Организаций"
            // A user tied to one organization (its head) goes straight to its card.
            to={me.organizationId ? `/organizations/${me.organizationId}` : '/organizations'}
            value={orgs.data?.total}
          />
        )}
        <Counter label="Сотрудников" to="/staff" value={people.data} hint="человек" />
        <Counter label="Молодых специалистов" to="/staff?young=true" value={young.data} />
        <Counter label="Пенсионного возраста" to="/staff?pensionAge=true" value={pension.data} />
        <Counter label={`Нагрузка > ${threshold} ч`} to="/staff?loadOver30=true" value={overload.data} />
        {territory && <Counter label="Открытых вакансий" to="/vacancies" value={vacancies.data?.total} />}
        {me.capabilities.admin.users && (
          <Counter label="Пользователей" to="/admin/users" value={users.data?.total} />
        )}
      </SimpleGrid>

      {empty && me.capabilities.directory.manageRegistry && (
        <Paper withBorder p="md" bg="blue.0">
          <Title order={2} size="h4">
            С чего начать
          </Title>
          <Text size="sm" mt={4}>
            Реестр пока пуст. Скачайте шаблон в разделе «Импорт», заполните его списком организаций и
            сотрудников и загрузите — сначала в режиме проверки.
          </Text>
          <Button component={Link} to="/import" mt="sm">
            Перейти к импорту
          </Button>
        </Paper>
      )}

      <Stack gap="sm">
        <Title order={2} size="h4">
          Основные задачи
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <Task
            to="/staff"
            title="Найти сотрудников и выгрузить список"
            text="Фильтры по предмету, категории, возрасту, нагрузке; выгрузка в XLSX."
          />
          <Task
            to="/staff?young=true"
            title="Молодые специалисты"
            text="Кому нужны наставник и поддержка в первые годы работы."
          />
          {territory && (
            <Task
              to="/organizations"
              title="Организации"
              text="Признаки организаций, кадровый состав, категории, вакансии."
            />
          )}
          {territory && (
            <Task
              to="/staffing"
              title="Штатное расписание"
              text="Укомплектованность педагогическими и административными ставками."
            />
          )}
          {me.capabilities.directory.manageRegistry && (
            <Task
              to="/import"
              title="Загрузить данные из таблицы"
              text={
                me.capabilities.directory.importOrganizations
                  ? 'Кадры, организации, вакансии и штатное расписание.'
                  : 'Кадры, вакансии и штатное расписание своей организации.'
              }
            />
          )}
          {me.capabilities.admin.users && (
            <Task
              to="/admin/users"
              title="Пользователи"
              text="Создать учётную запись и выдать ссылку для входа."
            />
          )}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}

/** A user tied to a registry card who sees no registry (a teacher): their card and profile. */
function OwnCardHome({ me }: { me: Me }) {
  const person = usePerson(me.personId);
  // The card was removed from the registry since the session began.
  if (person.error instanceof ApiError && person.error.isNotFoundOrForbidden) return <NothingYet />;
  const p = person.data;
  const expiring = p?.categoryExpires ? monthsUntil(p.categoryExpires) < 6 : false;
  return (
    <Stack gap="md" maw={760}>
      {p && (
        <Paper withBorder p="md">
          <Group justify="space-between" wrap="wrap">
            <div>
              <Text fw={600}>{p.fullName}</Text>
              <Text size="sm" c="dimmed">
                {p.employments
                  .filter((e) => !e.endDate)
                  .map((e) => `${e.position}, ${e.organizationName}`)
                  .join('; ')}
              </Text>
            </div>
            <Group gap="xs">
              <CategoryBadge category={p.category} />
              {p.categoryExpires && (
                <Text size="sm" c={expiring ? 'orange.8' : 'dimmed'}>
                  до {formatDate(p.categoryExpires)}
                </Text>
              )}
            </Group>
          </Group>
        </Paper>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {me.personId && (
          <Task
            to={`/people/${me.personId}`}
            title="Моя карточка"
            text="Места работы, нагрузка, квалификация, история изменений."
          />
        )}
        <Task to="/profile" title="Профиль" text="Сменить пароль." />
      </SimpleGrid>
    </Stack>
  );
}

/**
 * The set-up, while it is not finished: on an installation without the demo the first thing an
 * administrator, a region's operator or a methodist has to do is load their own data.
 */
function SetupCard({ me }: { me: Me }) {
  const status = useSetupStatus({ enabled: me.capabilities.directory.setUp });
  const s = status.data;
  if (!s || (!s.empty && s.next === null)) return null;
  const done = s.steps.filter((step) => step.done).length;
  return (
    <Card withBorder padding="lg" bg="blue.0" component="section" aria-label="Начало работы">
      <Group justify="space-between" align="center" wrap="wrap">
        <div>
          <Text fw={600}>
            Начало работы: сделано {done} из {s.steps.length}
          </Text>
          {s.next && (
            <Text size="sm" c="dimmed">
              Следующий шаг — {STEP_TEXT[s.next].title.toLowerCase()}. {STEP_TEXT[s.next].unlocks}
            </Text>
          )}
        </div>
        <Button component={Link} to="/setup">
          Продолжить настройку
        </Button>
      </Group>
    </Card>
  );
}

/**
 * The day's work of the caller's role, counted and linked («Что сделать сегодня»): diagnoses to
 * take, route items due, forms to fill, answers to review… The server decides what counts.
 */
function TodayWork() {
  const work = useHomeWork();
  const items = work.data?.items;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="today-work-title">
      <Title order={2} size="h4" id="today-work-title">
        Что сделать сегодня
      </Title>
      <ErrorAlert error={work.error} title="Не удалось загрузить список дел" />
      {work.isPending && (
        <Text size="sm" c="dimmed" mt={4}>
          Собираем ваши дела…
        </Text>
      )}
      {items && items.length === 0 && (
        <Text size="sm" c="dimmed" mt={4}>
          На сегодня дел нет — всё сделано. Здесь появятся диагностики, которые нужно пройти, сроки
          мероприятий маршрута, формы к заполнению, ответы и маршруты, ждущие вашего решения.
        </Text>
      )}
      {items && items.length > 0 && (
        <List spacing="xs" mt="xs" listStyleType="none" aria-label="Дела на сегодня">
          {items.map((item) => (
            <List.Item key={item.kind}>
              <Anchor component={Link} to={item.link} fw={600}>
                {item.title}
              </Anchor>
              {item.due && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  · {item.due < todayIso() ? 'срок истёк' : 'срок до'} {formatDate(item.due)}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

function NothingYet() {
  return (
    <Text c="dimmed">
      Разделы для вашей роли появятся по мере развития системы. Смена пароля — в разделе{' '}
      <Anchor component={Link} to="/profile">
        «Профиль»
      </Anchor>
      .
    </Text>
  );
}

export default function HomePage() {
  const me = useMe();
  let body: ReactNode;
  if (seesRegistry(me)) body = <RegistryHome me={me} />;
  else if (me.capabilities.directory.seeOwnCard) body = <OwnCardHome me={me} />;
  else body = <NothingYet />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Здравствуйте, {me.fullName.split(' ').slice(1, 3).join(' ') || me.fullName}!
        </Title>
        <Text c="dimmed" size="sm">
          {me.roleLabel}
        </Text>
      </div>
      <SetupCard me={me} />
      <TodayWork />
      {body}
    </Stack>
  );
}
