import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  afterExpertCardsChanged,
  copyExpertTemplate,
  type ExpertTemplateCard,
  publishExpertTemplate,
  ruleWords,
  TEMPLATE_STATUS_COLORS,
  useExpertTemplate,
} from '../../api/expert-cards.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { TemplateEditor } from './template-editor.tsx';

type Bands = NonNullable<ExpertTemplateCard['check']['bands']['document']>;

function BandsTable({ title, max, bands }: { title: string; max: number | null; bands: Bands | null }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" fw={600} mb={4}>
        {title}
        {max !== null ? ` — максимум ${max}` : ''}
      </Text>
      {bands ? (
        <Table withRowBorders={false} aria-label={title}>
          <Table.Tbody>
            {bands.map((b) => (
              <Table.Tr key={b.band.code}>
                <Table.Td>
                  {b.band.label} (от {b.band.minPercent} %)
                </Table.Td>
                <Table.Td ta="right">
                  {b.band.minPercent === 0 ? `${b.to} и менее` : `${b.from}–${b.to}`} баллов
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          Документ не называет максимум.
        </Text>
      )}
    </Paper>
  );
}

/** The discrepancy panel: the items' sums against the maxima the document states, and the bands both ways. */
function Discrepancies({ t }: { t: ExpertTemplateCard }) {
  const c = t.check;
  return (
    <Section title="Расхождения документа">
      <Paper withBorder p="md">
        <Stack gap="sm">
          {c.differs ? (
            <Alert color="orange" title="Максимумы документа и суммы показателей расходятся">
              Карта хранит слова документа как напечатано; ниже — где суммы баллов показателей не совпадают с
              максимумами, которые документ называет.
            </Alert>
          ) : (
            <Text size="sm" c="green">
              Суммы баллов показателей совпадают с максимумами документа.
            </Text>
          )}
          <Table aria-label="Суммы по направлениям">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Направление</Table.Th>
                <Table.Th ta="right">Показателей</Table.Th>
                <Table.Th ta="right">Сумма показателей / в документе</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.directions.map((d) => (
                <Table.Tr key={d.title} bg={d.differs ? 'var(--mantine-color-orange-light)' : undefined}>
                  <Table.Td>{d.title}</Table.Td>
                  <Table.Td ta="right">{d.items}</Table.Td>
                  <Table.Td ta="right">
                    сумма показателей {d.itemsMax} / в документе {d.statedMax ?? '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={600} bg={c.differs ? 'var(--mantine-color-orange-light)' : undefined}>
                <Table.Td>Карта целиком</Table.Td>
                <Table.Td ta="right">{c.directions.reduce((n, d) => n + d.items, 0)}</Table.Td>
                <Table.Td ta="right">
                  сумма показателей {c.itemsMax} / в документе {c.statedMax ?? '—'}
                  {c.directionsStatedSum !== null &&
                    ` (сумма максимумов направлений ${c.directionsStatedSum})`}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <BandsTable title="Уровни по максимуму документа" max={c.statedMax} bands={c.bands.document} />
            <BandsTable title="Уровни по сумме показателей" max={c.itemsMax} bands={c.bands.items} />
          </SimpleGrid>
          <Text size="sm">
            По умолчанию кампания считает уровни от максимума документа
            {c.statedMax !== null ? ` (${c.statedMax})` : ''}. Какой максимум использовать — документа или
            суммы показателей — методист выбирает в кампании, и выбор записывается в ней.
          </Text>
          {t.notes && (
            <Text size="sm" c="dimmed">
              Примечание к документу: {t.notes}
            </Text>
          )}
        </Stack>
      </Paper>
    </Section>
  );
}

/** A template of an expert card: its directions and items as printed, the discrepancies, copy and edit. */
export default function ExpertTemplatePage() {
  const { id = '' } = useParams();
  const q = useExpertTemplate(id);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (q.isPending) return <LoadingRows rows={8} label="Загрузка шаблона" />;
  if (q.error || !q.data) return <ErrorAlert error={q.error} title="Шаблон не открыт" />;
  const t = q.data;
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const copy = () =>
    act(async () => {
      const made = await copyExpertTemplate(t.id);
      await afterExpertCardsChanged(qc);
      navigate(`/expert-cards/templates/${made.id}`);
    });
  const publish = () =>
    act(async () => {
      await publishExpertTemplate(t.id);
      await afterExpertCardsChanged(qc);
    });

  return (
    <Stack gap="md">
      <PageHeader
        title={t.title}
        description={
          <Group gap={6} mt={4} component="span">
            <Badge variant="light" title={t.orgKindLabel}>
              {t.orgKindShort}
            </Badge>
            <Badge variant="light" color={TEMPLATE_STATUS_COLORS[t.status]}>
              {t.statusName}
            </Badge>
            <Badge variant="outline" color="gray">
              Версия {t.version}
            </Badge>
            <Text span size="sm" c="dimmed">
              {t.ownerName} · используется в кампаниях: {t.campaigns}
            </Text>
          </Group>
        }
        actions={
          <Group gap="xs">
            <Button variant="default" component={Link} to="/expert-cards/templates">
              Все шаблоны
            </Button>
            {t.canEdit && !editing && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Изменить
              </Button>
            )}
            {t.canEdit && t.status !== 'published' && (
              <Button variant="light" color="green" onClick={publish} loading={busy}>
                Опубликовать
              </Button>
            )}
            <Button variant="default" component="a" href={`/api/expert-cards/templates/${t.id}/export`}>
              Скачать XLSX
            </Button>
            <Button onClick={copy} loading={busy}>
              Сделать копию
            </Button>
          </Group>
        }
      />
      <ErrorAlert error={error} title="Действие не выполнено" />
      {t.isPreset && (
        <Alert color="blue">
          Типовая карта из порядка мониторинга — как напечатано, она не меняется. Чтобы изменить показатели,
          баллы или уровни для муниципалитета, сделайте копию.
        </Alert>
      )}
      {t.version < t.latestVersion && (
        <Alert color="gray">
          Это не последняя версия карты. Кампании, начатые с этой версией, продолжают её использовать.
        </Alert>
      )}
      {t.versions.length > 1 && (
        <Group gap="xs">
          <Text size="sm">Версии:</Text>
          {t.versions.map((v) =>
            v.id === t.id ? (
              <Badge key={v.id} variant="filled">
                {v.version} · {v.statusName}
              </Badge>
            ) : (
              <Anchor key={v.id} size="sm" component={Link} to={`/expert-cards/templates/${v.id}`}>
                {v.version} · {v.statusName}
              </Anchor>
            ),
          )}
        </Group>
      )}
      {editing ? (
        <TemplateEditor
          template={t}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            if (saved.id !== t.id) navigate(`/expert-cards/templates/${saved.id}`);
          }}
        />
      ) : (
        <>
          <Discrepancies t={t} />
          {t.directions.map((d) => (
            <Section
              key={d.id}
              title={`${d.title} — ${d.itemsMax} ${d.statedMax !== null ? `из ${d.statedMax} по документу` : 'баллов'}`}
            >
              <Paper withBorder>
                <Table.ScrollContainer minWidth={900}>
                  <Table striped aria-label={d.title} verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={40}>№</Table.Th>
                        <Table.Th>Показатель</Table.Th>
                        <Table.Th w={200}>Методика (как в документе)</Table.Th>
                        <Table.Th w={70} ta="right">
                          Баллы
                        </Table.Th>
                        <Table.Th w={230}>Источник</Table.Th>
                        <Table.Th w={110}>Периодичность</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.items.map((it) => (
                        <Table.Tr key={it.id}>
                          <Table.Td>{it.position}</Table.Td>
                          <Table.Td>
                            <Text size="sm">{it.text}</Text>
                            {it.note && (
                              <Text size="xs" c="orange">
                                {it.note}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{it.method}</Text>
                            <Text size="xs" c="dimmed">
                              Правило: {ruleWords(it.rule)}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right">{it.maxPoints}</Table.Td>
                          <Table.Td>
                            <Text size="sm">{it.source}</Text>
                            {it.prefillLabel && (
                              <Text size="xs" c="blue">
                                Заполняется из платформы: {it.prefillLabel}
                              </Text>
                            )}
                            {!it.evidenceRequired && (
                              <Text size="xs" c="dimmed">
                                Подтверждающий документ не обязателен
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>{it.periodicity}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
            </Section>
          ))}
        </>
      )}
    </Stack>
  );
}
