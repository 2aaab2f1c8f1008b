import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type MyAssessment, useMyAssessments } from '../../api/assessment.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { formatDateTime, plural } from '../../lib/words.ts';
import { formatDay, INSTRUMENT_KINDS, SITTING_STATUS } from '../assessment/assessment-words.ts';
import { PersonTrainings } from '../catalog/person-trainings.tsx';
import { PersonDeficitsPanel } from '../deficits/person-deficits.tsx';

function daysLeft(iso: string): number {
  return Math.ceil((new Date(iso).getTime() - Date.now()) / 86400_000);
}

function windowText(a: MyAssessment): { text: string; color: string } {
  if (a.status === 'closed') return { text: 'кампания завершена', color: 'dimmed' };
  if (new Date(a.opensAt).getTime() > Date.now())
    return { text: `начнётся ${formatDay(a.opensAt)}`, color: 'dimmed' };
  if (!a.inWindow) return { text: 'срок прохождения истёк', color: 'red.8' };
  const d = daysLeft(a.closesAt);
  return {
    text: `до ${formatDay(a.closesAt)} (осталось ${d} ${plural(d, 'день', 'дня', 'дней')})`,
    color: d <= 3 ? 'orange.8' : 'dark',
  };
}

function MyAssessments() {
  const mine = useMyAssessments();
  const items = mine.data?.items ?? [];
  const todo = items.flatMap((a) =>
    a.inWindow ? a.instruments.filter((i) => i.status !== 'submitted').map(() => 1) : [],
  ).length;
  return (
    <Section title="Мои диагностики">
      <ErrorAlert error={mine.error} title="Не удалось загрузить диагностики" />
      {mine.isPending && <LoadingRows rows={3} />}
      {mine.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Назначенных диагностик нет"
            description="Когда методист откроет кампанию диагностики, в которую вы входите, она появится здесь."
          />
        </Paper>
      )}
      {todo > 0 && (
        <Text size="sm" fw={600} c="blue.8" role="status">
          Ждут прохождения: {todo} {plural(todo, 'методика', 'методики', 'методик')}
        </Text>
      )}
      {items.map((a) => {
        const w = windowText(a);
        return (
          <Paper key={a.campaignId} withBorder p="md" component="article" aria-label={a.name}>
            <Group justify="space-between" align="flex-start" mb="xs">
              <div>
                <Text fw={600}>{a.name}</Text>
                <Text size="sm" c={w.color}>
                  Срок: {w.text}
                </Text>
              </div>
            </Group>
            <Table verticalSpacing={6} fz="sm" aria-label={`Методики: ${a.name}`}>
              <Table.Tbody>
                {a.instruments.map((i) => {
                  // After the window nothing can be started: «не начата» would read as a task left to do.
                  // Results loaded by an import count as taken: the person has them, just not online.
                  const st =
                    i.status !== 'submitted' && a.imported
                      ? { label: 'результаты загружены', color: 'teal' }
                      : i.status !== 'submitted' && !a.inWindow && new Date(a.opensAt).getTime() <= Date.now()
                        ? { label: 'не проходил(а)', color: 'gray' }
                        : SITTING_STATUS[i.status];
                  return (
                    <Table.Tr key={i.id}>
                      <Table.Td>
                        <Text size="sm">{i.name}</Text>
                        <Text size="xs" c="dimmed">
                          {INSTRUMENT_KINDS[i.kind as keyof typeof INSTRUMENT_KINDS] ?? i.kind}
                        </Text>
                      </Table.Td>
                      <Table.Td w={170}>
                        <Badge color={st.color} variant="light">
                          {st.label}
                        </Badge>
                        {i.submittedAt && (
                          <Text size="xs" c="dimmed">
                            {formatDateTime(i.submittedAt)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td w={170} ta="right">
                        {i.status !== 'submitted' && a.inWindow && (
                          <Button
                            component={Link}
                            to={`/cabinet/assessments/${a.campaignId}/${i.id}`}
                            size="xs"
                            variant={i.status === 'started' ? 'light' : 'filled'}
                          >
                            {i.status === 'started' ? 'Продолжить' : 'Начать'}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
        );
      })}
    </Section>
  );
}

/** The teacher's own page: assessments to take, their deficits and training. */
export default function CabinetPage() {
  const me = useMe();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Мой кабинет"
        description={me.fullName}
        actions={
          me.personId && (
            <Button component={Link} to={`/people/${me.personId}`} variant="default">
              Моя карточка
            </Button>
          )
        }
      />
      {!me.personId ? (
        <Paper withBorder>
          <Empty
            title="Учётная запись не связана с карточкой педагога"
            description="Диагностики и обучение привязаны к карточке в реестре кадров. Обратитесь к методисту или администратору."
          />
        </Paper>
      ) : (
        <>
          <MyAssessments />
          <PersonDeficitsPanel
            personId={me.personId}
            title="Мои дефициты"
            emptyHint="Пройдите диагностику — результаты по каждой компетенции появятся здесь."
          />
          <PersonTrainings personId={me.personId} canEdit={false} title="Моё обучение" />
          <Text size="sm" c="dimmed">
            Программы повышения квалификации —{' '}
            <Anchor component={Link} to="/catalog/programs" size="sm">
              в каталоге программ
            </Anchor>
            .
          </Text>
        </>
      )}
    </Stack>
  );
}
