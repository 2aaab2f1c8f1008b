import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  afterCardsChanged,
  CARD_STATUS,
  createCampaign,
  schoolYearName,
  useCampaigns,
  useMyCards,
} from '../../api/expert-card-work.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { formatDate } from '../../lib/words.ts';

/**
 * Expert cards (004): the municipality's yearly campaigns for those who run or read them, and the
 * cards of the caller — the head's own organization's, the expert's assigned ones.
 */
export default function ExpertCardsPage() {
  const me = useMe();
  const can = me.capabilities.expertCards;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Экспертные карты"
        description="Ежегодная оценка системы профессионального развития педагогов каждой организации (порядок мониторинга 004): заполнение до 30 сентября, проверка до 15 октября, итоги до 1 ноября."
      />
      {(can.fillCards || can.reviewCards) && <MyCards />}
      {can.readCampaigns && <Campaigns />}
    </Stack>
  );
}

function MyCards() {
  const cards = useMyCards();
  const items = cards.data?.items ?? [];
  return (
    <Section title="Мои карты">
      <ErrorAlert error={cards.error} title="Не удалось загрузить карты" />
      {!cards.data && !cards.error && <LoadingRows rows={2} label="Загрузка карт" />}
      {cards.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Карт пока нет"
            description="Карта организации появится здесь, когда методист начнёт кампанию; эксперт увидит карты, которые ему назначат."
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={cards.isFetching} minWidth={760}>
          <Table fz="sm" verticalSpacing={6} aria-label="Мои карты">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Организация</Table.Th>
                <Table.Th w={200}>Кампания</Table.Th>
                <Table.Th w={170}>Статус</Table.Th>
                <Table.Th w={150}>Срок</Table.Th>
                <Table.Th w={160} ta="right">
                  Показатели
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => {
                const s = CARD_STATUS[c.status] ?? { label: c.status, color: 'gray' };
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/expert-cards/cards/${c.id}`} fw={500} size="sm">
                        {c.organizationName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {c.role === 'expert' ? 'вы эксперт' : 'карта вашей организации'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {c.campaignTitle}, {schoolYearName(c.schoolYear)}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={s.color} variant="light">
                        {s.label}
                      </Badge>
                      {c.late && (
                        <Badge color="red" variant="light" ml={4}>
                          опоздание
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(c.role === 'expert' ? c.verifyBy : c.fillBy)}</Table.Td>
                    <Table.Td ta="right">
                      {c.role === 'expert'
                        ? `ждут проверки: ${c.toReview}`
                        : c.returned > 0
                          ? `возвращено: ${c.returned}`
                          : `заявлено ${c.claimedPoints} б.`}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
    </Section>
  );
}

function Campaigns() {
  const list = useCampaigns();
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  return (
    <Section
      title="Кампании"
      actions={
        list.data?.canCreate && (
          <Button onClick={() => setCreating(true)} size="sm">
            Новая кампания
          </Button>
        )
      }
    >
      <ErrorAlert error={list.error} title="Не удалось загрузить кампании" />
      {!list.data && !list.error && <LoadingRows rows={2} label="Загрузка кампаний" />}
      {list.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Кампаний пока нет"
            description={
              list.data.canCreate
                ? 'Создайте кампанию учебного года: каждая организация получит карту своей группы (ДОО, ОО, ДО) по шаблонам порядка 004.'
                : 'Кампанию создаёт методист муниципальной методической службы.'
            }
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={list.isFetching} minWidth={820}>
          <Table fz="sm" verticalSpacing={6} aria-label="Кампании">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Кампания</Table.Th>
                <Table.Th w={110}>Учебный год</Table.Th>
                <Table.Th w={260}>Сроки этапов</Table.Th>
                <Table.Th w={240}>Карты</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/expert-cards/campaigns/${c.id}`} fw={500} size="sm">
                      {c.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {c.municipalityName}
                      {c.closedAt ? ' · итоги опубликованы' : c.started ? '' : ' · не начата'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{schoolYearName(c.schoolYear)}</Table.Td>
                  <Table.Td>
                    {formatDate(c.fillBy)} · {formatDate(c.verifyBy)} · {formatDate(c.evaluateBy)}
                  </Table.Td>
                  <Table.Td>
                    {c.counts.cards
                      ? `${c.counts.cards}: отправлено ${c.counts.submitted}, проверено ${c.counts.verified}${c.counts.late ? `, с опозданием ${c.counts.late}` : ''}`
                      : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {creating && <CreateCampaign onClose={() => setCreating(false)} />}
    </Section>
  );
}

function CreateCampaign({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  // The reported year is the one that ended last summer: in autumn 2026 it is 2025/26.
  const now = new Date();
  const reported = now.getMonth() >= 8 ? now.getFullYear() - 1 : now.getFullYear() - 2;
  const defaultTitle = (y: number) => `Мониторинг системы профессионального развития, ${schoolYearName(y)}`;
  return (
    <ModalForm
      opened
      onClose={onClose}
      title="Новая кампания экспертных карт"
      submitLabel="Создать"
      initialValues={() => ({
        year: String(reported),
        title: '',
        maxBasis: 'document',
        note: '',
        fillBy: '',
        verifyBy: '',
        evaluateBy: '',
      })}
      submit={(v) =>
        createCampaign({
          title: v.title.trim() || defaultTitle(Number(v.year)),
          schoolYear: Number(v.year),
          maxBasis: v.maxBasis as 'document' | 'items',
          maxBasisNote: v.note,
          // Empty: the order's own deadlines (004 §3.3) of the year after the reported one.
          ...(v.fillBy ? { fillBy: v.fillBy } : {}),
          ...(v.verifyBy ? { verifyBy: v.verifyBy } : {}),
          ...(v.evaluateBy ? { evaluateBy: v.evaluateBy } : {}),
        })
      }
      onSuccess={async (created) => {
        await afterCardsChanged(qc);
        navigate(`/expert-cards/campaigns/${created.id}`);
      }}
    >
      {(form) => {
        const y = Number(form.values.year);
        return (
          <>
            <NativeSelect
              label="Отчётный учебный год"
              data={[reported + 1, reported, reported - 1].map((x) => ({
                value: String(x),
                label: schoolYearName(x),
              }))}
              description={`Сроки по порядку: до 30.09.${y + 1}, 15.10.${y + 1}, 01.11.${y + 1}`}
              {...form.getInputProps('year')}
            />
            <Group grow>
              <TextInput
                label="Заполнить до"
                type="date"
                placeholder={`${y + 1}-09-30`}
                {...form.getInputProps('fillBy')}
              />
              <TextInput label="Проверить до" type="date" {...form.getInputProps('verifyBy')} />
              <TextInput label="Итоги до" type="date" {...form.getInputProps('evaluateBy')} />
            </Group>
            <Text size="xs" c="dimmed" mt={-8}>
              Пустые поля — сроки порядка. Свои сроки нужны, если кампания начинается позже.
            </Text>
            <TextInput label="Название" placeholder={defaultTitle(y)} {...form.getInputProps('title')} />
            <NativeSelect
              label="Максимум для уровней эффективности"
              data={[
                { value: 'document', label: 'как в документе (приложение 1: 31 / 39 / 18)' },
                { value: 'items', label: 'сумма баллов показателей (30 / 39 / 17)' },
              ]}
              description="В картах ДОО и ДО сумма баллов показателей меньше максимума приложения 1 — см. страницу шаблона."
              {...form.getInputProps('maxBasis')}
            />
            <Textarea label="Пояснение выбора" autosize minRows={2} {...form.getInputProps('note')} />
          </>
        );
      }}
    </ModalForm>
  );
}
