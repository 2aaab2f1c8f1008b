import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { certificatePdfHref, useMyPortfolio } from '../../api/events.ts';
import { afterPracticesChanged, linkMaterial, usePractices } from '../../api/practices.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { eventWhen } from './events-words.ts';

/**
 * The teacher's portfolio: the certificates in force, and separately the talks given at events
 * (presenter, attendance confirmed) — «трансляция опыта». Only the caller's own.
 */
export function PortfolioSection() {
  const portfolio = useMyPortfolio();
  const data = portfolio.data;
  const valid = data?.certificates.filter((c) => c.status === 'valid') ?? [];
  const count = (kind: string) => valid.filter((c) => c.kind === kind).length;
  const [attachTo, setAttachTo] = useState<{ registrationId: string; eventTitle: string } | null>(null);
  return (
    <Section title="Портфолио">
      <ErrorAlert error={portfolio.error} title="Не удалось загрузить портфолио" />
      {data && (
        <Stack gap="sm" data-testid="portfolio">
          <Group gap="xs">
            <Text size="sm">Действующих документов: {valid.length}</Text>
            <Badge variant="light">сертификатов участника — {count('participant')}</Badge>
            <Badge variant="light" color="grape">
              благодарностей — {count('gratitude')}
            </Badge>
            {count('diploma') > 0 && (
              <Badge variant="light" color="yellow">
                дипломов — {count('diploma')}
              </Badge>
            )}
          </Group>
          <Text fw={600} size="sm">
            Трансляция опыта: выступления на мероприятиях
          </Text>
          {data.talks.length === 0 ? (
            <Text c="dimmed" size="sm">
              Выступления появятся здесь, когда организатор мероприятия отметит вас выступающим и подтвердит
              присутствие.
            </Text>
          ) : (
            <TableCard loading={portfolio.isFetching} minWidth={600}>
              <Table verticalSpacing={6} fz="sm" aria-label="Выступления">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Мероприятие</Table.Th>
                    <Table.Th w={140}>Дата</Table.Th>
                    <Table.Th>Тема</Table.Th>
                    <Table.Th w={150}>Материалы</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.talks.map((t) => (
                    <Table.Tr key={t.registrationId} data-testid="portfolio-talk">
                      <Table.Td>
                        <Anchor component={Link} to={`/events/${t.eventId}`} size="sm">
                          {t.eventTitle}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {t.eventKindName}, {t.levelName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {eventWhen({ startsOn: t.startsOn, endsOn: t.endsOn, periodText: t.periodText })}
                      </Table.Td>
                      <Table.Td>{t.topic ?? '—'}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          {t.materialsUrl && (
                            <Anchor href={t.materialsUrl} target="_blank" rel="noreferrer noopener" size="sm">
                              Материалы
                            </Anchor>
                          )}
                          {t.certificateId && (
                            <Anchor href={certificatePdfHref(t.certificateId)} download size="sm">
                              Благодарность
                            </Anchor>
                          )}
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() =>
                              setAttachTo({ registrationId: t.registrationId, eventTitle: t.eventTitle })
                            }
                          >
                            Из банка практик
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableCard>
          )}
        </Stack>
      )}
      {attachTo && <AttachOwnMaterial target={attachTo} onClose={() => setAttachTo(null)} />}
    </Section>
  );
}

/** Attaches one's own published material of the bank to a talk (the material's card lists the event). */
function AttachOwnMaterial({
  target,
  onClose,
}: {
  target: { registrationId: string; eventTitle: string };
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const mine = usePractices({ mine: 'true', status: 'published' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Set<string>>(new Set());
  const items = mine.data?.items ?? [];
  const attach = async (id: string) => {
    setError(null);
    try {
      await linkMaterial(id, { registrationId: target.registrationId });
      setDone((d) => new Set(d).add(id));
      await afterPracticesChanged(qc);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Материал к выступлению: ${target.eventTitle}`} size="lg">
      <Stack gap="sm">
        <ErrorAlert error={mine.error ?? error} title="Не удалось" />
        {mine.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            У вас нет опубликованных материалов в банке практик. Добавьте материал в разделе «Мои материалы» и
            отправьте на модерацию — после публикации его можно приложить к выступлению.
          </Text>
        )}
        {items.map((m) => (
          <Group key={m.id} justify="space-between" wrap="nowrap">
            <Text size="sm">{m.title}</Text>
            {done.has(m.id) ? (
              <Badge color="green" variant="light">
                Приложен
              </Badge>
            ) : (
              <Button size="compact-sm" style={{ flexShrink: 0 }} onClick={() => attach(m.id)}>
                Приложить
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
