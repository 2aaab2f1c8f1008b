import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { afterRouteChanged, type GenerationResult, type Job } from '../../api/routes.ts';
import { Bars } from '../../components/bars.tsx';
import { CodeMark } from '../../components/code-mark.tsx';
import { Empty } from '../../components/empty.tsx';
import { JobProgress } from '../../components/job-progress.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { Stat } from '../../components/stat.tsx';
import { TableCard } from '../../components/table-parts.tsx';

/** The generator's report: what was made, who was skipped and why, what the catalog lacks, curators' load. */
function GenerationReport({ job }: { job: Job<GenerationResult> }) {
  const qc = useQueryClient();
  // New drafts exist now: lists of routes read earlier are out of date. The report mounts once
  // its job has succeeded (JobProgress shows it only then), so this runs once per finished job.
  useEffect(() => {
    void afterRouteChanged(qc);
  }, [qc]);
  const r = job.result;
  if (!r) {
    return (
      <Alert color="yellow" title="Итог не получен">
        Задание завершено, но сервер не вернул его итог. Откройте список маршрутов.
      </Alert>
    );
  }
  const skipped = r.skipped.filter((s) => s.count > 0);
  return (
    <Stack gap="lg" data-testid="generation-result">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label="Маршрутов создано" value={r.routesCreated} />
        <Stat label="Пересоздано черновиков" value={r.routesRegenerated} />
        <Stat label="Пунктов в маршрутах" value={r.itemsCreated} />
        <Stat label="Педагогов с дефицитами" value={r.peopleWithDeficits} />
      </SimpleGrid>
      <Group>
        <Button component={Link} to="/routes?status=draft">
          Открыть черновики маршрутов
        </Button>
      </Group>

      <Section title="Пропущены">
        {skipped.length === 0 ? (
          <Text size="sm" c="dimmed">
            Никто не пропущен: маршрут построен каждому педагогу с дефицитами.
          </Text>
        ) : (
          <TableCard loading={false} minWidth={480}>
            <Table fz="sm" aria-label="Пропущены" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Причина</Table.Th>
                  <Table.Th w={120}>Педагогов</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {skipped.map((s) => (
                  <Table.Tr key={s.reason}>
                    <Table.Td>{s.reason}</Table.Td>
                    <Table.Td>{s.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableCard>
        )}
      </Section>

      <Section title="Дефициты, не включённые в маршруты">
        {r.uncovered.length === 0 ? (
          <Text size="sm" c="dimmed">
            Каждый дефицит включён в маршруты: программой, мероприятием, наставничеством или самообразованием.
          </Text>
        ) : (
          <>
            <Text size="sm">
              Для этих компетенций не подобрана программа каталога, а на наставничество или самообразование не
              хватило часов в лимите полугодия и темпе в месяц; причина — в последнем столбце.{' '}
              <Anchor component={Link} to="/catalog/programs">
                Добавьте программы в каталог
              </Anchor>{' '}
              или увеличьте лимит часов в настройках формирования и сформируйте маршруты снова.
            </Text>
            <TableCard loading={false} minWidth={720}>
              <Table fz="sm" aria-label="Компетенции без программ" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Компетенция</Table.Th>
                    <Table.Th w={110}>Код</Table.Th>
                    <Table.Th w={140}>Педагогов с дефицитом</Table.Th>
                    <Table.Th>Почему</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.uncovered.map((u) => (
                    <Table.Tr key={u.competencyCode}>
                      <Table.Td>{u.competencyName}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <CodeMark code={u.competencyCode} />
                      </Table.Td>
                      <Table.Td>{u.people}</Table.Td>
                      <Table.Td>
                        {(u.causes ?? []).map((c) => (
                          <Text key={c.cause} size="sm">
                            {c.label} — {c.people}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableCard>
          </>
        )}
      </Section>

      <Section title="Кураторы и число маршрутов">
        {(r.routesWithoutCurator ?? 0) > 0 && (
          <Alert color="orange" title="Маршруты без куратора">
            {r.routesWithoutCurator} — назначьте куратора в карточке маршрута (фильтр «Куратор» в списке).
          </Alert>
        )}
        {r.curators.length === 0 ? (
          <Paper withBorder>
            <Empty
              title="Кураторы не назначены"
              description="В муниципалитете нет пользователей с ролью «Куратор». Пригласите кураторов в разделе «Пользователи», затем назначьте их в карточках маршрутов."
            />
          </Paper>
        ) : (
          <Paper withBorder p="md">
            <Bars
              title="Маршрутов у куратора"
              bars={r.curators.map((c) => ({ label: c.fullName, value: c.routes, color: 'indigo' }))}
            />
          </Paper>
        )}
      </Section>
    </Stack>
  );
}

export default function GenerationPage() {
  const { jobId = '' } = useParams();
  return (
    <Stack gap="md">
      <PageHeader
        title="Формирование маршрутов"
        description="Черновики индивидуальных образовательных маршрутов строятся по дефицитам последней диагностики."
        actions={
          <Button component={Link} to="/routes" variant="default">
            К списку маршрутов
          </Button>
        }
      />
      <JobProgress<GenerationResult> jobId={jobId} title="Ход формирования">
        {(job) => <GenerationReport job={job} />}
      </JobProgress>
    </Stack>
  );
}
