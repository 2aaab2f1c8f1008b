import {
  Checkbox,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useFrameworks } from '../../api/assessment.ts';
import { afterEventsChanged, type EventBody, type EventCard, saveEvent } from '../../api/events.ts';
import { ModalForm } from '../../components/modal-form.tsx';
import { ORG_KIND_OPTIONS } from '../../lib/words.ts';
import { EVENT_KINDS, EVENT_LEVELS, options, PLANNED_RESULT_KINDS } from './events-words.ts';

interface Values {
  number: string;
  title: string;
  kind: EventBody['kind'];
  level: EventBody['level'];
  periodText: string;
  startsOn: string;
  endsOn: string;
  startTime: string;
  endTime: string;
  place: string;
  onlineUrl: string;
  responsibleText: string;
  capacity: number | string;
  registrationOpensOn: string;
  registrationClosesOn: string;
  waitlistCutoffOn: string;
  requiresApproval: boolean;
  subjects: string[];
  positions: string[];
  orgKinds: string[];
  youngOnly: boolean;
  resultKind: string;
  resultN: number | string;
  resultGroup: string;
  plannedResultText: string;
  competencyCodes: string[];
  description: string;
}

function initial(e: EventCard | null, planLevel: 'municipal' | 'institutional'): Values {
  return {
    number: e?.number ?? '',
    title: e?.title ?? '',
    kind: e?.kind ?? 'seminar',
    level: e?.level ?? (planLevel === 'municipal' ? 'municipal' : 'institutional'),
    periodText: e?.periodText ?? '',
    startsOn: e?.startsOn ?? '',
    endsOn: e?.endsOn ?? '',
    startTime: e?.startTime ?? '',
    endTime: e?.endTime ?? '',
    place: e?.place ?? '',
    onlineUrl: e?.onlineUrl ?? '',
    responsibleText: e?.responsibleText ?? '',
    capacity: e?.capacity ?? '',
    registrationOpensOn: e?.registrationOpensOn ?? '',
    registrationClosesOn: e?.registrationClosesOn ?? '',
    waitlistCutoffOn: e?.waitlistCutoffOn ?? '',
    requiresApproval: e?.requiresApproval ?? false,
    subjects: e?.target.subjects ?? [],
    positions: e?.target.positions ?? [],
    orgKinds: e?.target.orgKinds ?? [],
    youngOnly: e?.target.youngOnly ?? false,
    resultKind: e?.plannedResult?.kind ?? '',
    resultN: e?.plannedResult?.n ?? '',
    resultGroup: e?.plannedResult?.group ?? '',
    plannedResultText: e?.plannedResultText ?? '',
    competencyCodes: e?.competencyCodes ?? [],
    description: e?.description ?? '',
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function toBody(v: Values): EventBody {
  const target: NonNullable<EventBody['target']> = {};
  if (v.subjects.length) target.subjects = v.subjects;
  if (v.positions.length) target.positions = v.positions;
  if (v.orgKinds.length) target.orgKinds = v.orgKinds as NonNullable<EventBody['target']>['orgKinds'];
  if (v.youngOnly) target.youngOnly = true;
  return {
    number: orNull(v.number),
    title: v.title.trim(),
    kind: v.kind,
    level: v.level,
    periodText: orNull(v.periodText),
    startsOn: orNull(v.startsOn),
    endsOn: orNull(v.endsOn),
    startTime: orNull(v.startTime),
    endTime: orNull(v.endTime),
    place: orNull(v.place),
    onlineUrl: orNull(v.onlineUrl),
    responsibleText: orNull(v.responsibleText),
    capacity: v.capacity === '' ? null : Number(v.capacity),
    registrationOpensOn: orNull(v.registrationOpensOn),
    registrationClosesOn: orNull(v.registrationClosesOn),
    waitlistCutoffOn: orNull(v.waitlistCutoffOn),
    requiresApproval: v.requiresApproval,
    target,
    plannedResult:
      v.resultKind && v.resultN !== ''
        ? {
            kind: v.resultKind as 'percent_of_group',
            n: Number(v.resultN),
            group: orNull(v.resultGroup),
          }
        : null,
    plannedResultText: orNull(v.plannedResultText),
    competencyCodes: v.competencyCodes,
    description: orNull(v.description),
  };
}

/** Add an event to a plan or change one: when and where, for whom, how many seats, what result. */
export function EventForm({
  planId,
  planLevel,
  event,
  opened,
  onClose,
  onSaved,
}: {
  planId: string;
  planLevel: 'municipal' | 'institutional';
  event: EventCard | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (e: EventCard) => void;
}) {
  const qc = useQueryClient();
  const frameworks = useFrameworks();
  const seen = new Set<string>();
  const competencyChoices = (frameworks.data?.items ?? []).flatMap((f) =>
    f.groups.flatMap((g) =>
      g.competencies
        .filter((c) => !seen.has(c.code) && seen.add(c.code))
        .map((c) => ({ value: c.code, label: c.name })),
    ),
  );
  const date = { type: 'date' as const };

  return (
    <ModalForm<Values, EventCard>
      opened={opened}
      onClose={onClose}
      title={event ? 'Изменить мероприятие' : 'Новое мероприятие'}
      size="xl"
      initialValues={() => initial(event, planLevel)}
      validate={(v) => ({
        title: v.title.trim().length >= 3 ? null : 'Укажите название мероприятия',
        endsOn: v.startsOn && v.endsOn && v.endsOn < v.startsOn ? 'Дата окончания раньше даты начала' : null,
        startTime: v.startTime && !v.startsOn ? 'Укажите дату начала' : null,
        endTime: v.endTime && !v.startTime ? 'Укажите время начала' : null,
      })}
      submit={(v) => saveEvent(planId, event?.id ?? null, toBody(v))}
      onSuccess={async (e) => {
        await afterEventsChanged(qc);
        onSaved?.(e);
      }}
      errorTitle="Мероприятие не сохранено"
    >
      {(form) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
            <TextInput label="№ п/п" placeholder="2.1." {...form.getInputProps('number')} />
            <NativeSelect label="Вид" data={options(EVENT_KINDS)} {...form.getInputProps('kind')} />
            <NativeSelect label="Уровень" data={options(EVENT_LEVELS)} {...form.getInputProps('level')} />
            <NumberInput
              label="Мест"
              description="Пусто — без ограничения"
              min={1}
              {...form.getInputProps('capacity')}
            />
          </SimpleGrid>
          <TextInput label="Название" required {...form.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Период (как в плане)"
              placeholder="октябрь–ноябрь"
              description="Даты заполнятся по периоду, если их не указать"
              {...form.getInputProps('periodText')}
            />
            <TextInput label="Дата начала" {...date} {...form.getInputProps('startsOn')} />
            <TextInput label="Дата окончания" {...date} {...form.getInputProps('endsOn')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Время начала"
              type="time"
              description="Местное время; без него — на весь день"
              {...form.getInputProps('startTime')}
            />
            <TextInput label="Время окончания" type="time" {...form.getInputProps('endTime')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Место проведения" {...form.getInputProps('place')} />
            <TextInput
              label="Ссылка для онлайн-участия"
              placeholder="https://"
              {...form.getInputProps('onlineUrl')}
            />
          </SimpleGrid>
          <TextInput label="Ответственный (ФИО, должность)" {...form.getInputProps('responsibleText')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Регистрация открывается"
              {...date}
              {...form.getInputProps('registrationOpensOn')}
            />
            <TextInput
              label="Регистрация закрывается"
              description="Пусто — в день начала"
              {...date}
              {...form.getInputProps('registrationClosesOn')}
            />
            <TextInput
              label="Лист ожидания до"
              description="Пусто — до начала"
              {...date}
              {...form.getInputProps('waitlistCutoffOn')}
            />
          </SimpleGrid>
          <Checkbox
            label="Заявки подтверждает организатор"
            {...form.getInputProps('requiresApproval', { type: 'checkbox' })}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TagsInput
              label="Целевая группа: предметы"
              placeholder="Математика"
              {...form.getInputProps('subjects')}
            />
            <TagsInput label="Должности" placeholder="Учитель" {...form.getInputProps('positions')} />
            <MultiSelect
              label="Виды организаций"
              data={ORG_KIND_OPTIONS}
              {...form.getInputProps('orgKinds')}
            />
          </SimpleGrid>
          <Checkbox
            label="Только молодые специалисты"
            {...form.getInputProps('youngOnly', { type: 'checkbox' })}
          />
          <Textarea
            label="Прогнозируемый результат (как в плане)"
            placeholder="Не менее 70 % молодых педагогов"
            description="Если не заполнить поля ниже, число и группа будут взяты из текста"
            autosize
            minRows={1}
            {...form.getInputProps('plannedResultText')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect
              label="Вид результата"
              data={[{ value: '', label: '—' }, ...options(PLANNED_RESULT_KINDS)]}
              {...form.getInputProps('resultKind')}
            />
            <NumberInput label="N" min={0} {...form.getInputProps('resultN')} />
            <TextInput
              label="Группа"
              placeholder="молодых педагогов"
              {...form.getInputProps('resultGroup')}
            />
          </SimpleGrid>
          <MultiSelect
            label="Компетенции"
            description="По ним мероприятие будет предлагаться педагогам с дефицитами"
            data={competencyChoices}
            searchable
            clearable
            {...form.getInputProps('competencyCodes')}
          />
          <Textarea label="Описание" autosize minRows={2} {...form.getInputProps('description')} />
        </>
      )}
    </ModalForm>
  );
}
