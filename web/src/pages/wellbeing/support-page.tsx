import { Button, NativeSelect, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  addSupportItem,
  afterWellbeingChanged,
  closeSupportPlan,
  type SupportPlan,
  useSchoolPlans,
  useWellbeingAccess,
} from '../../api/wellbeing.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader } from '../../components/page.tsx';
import { PlanCard } from './plan-card.tsx';
import { ITEM_KINDS, options } from './wellbeing-words.ts';

/**
 * «Поддержка педагогов»: the school head's and the school psychologist's plans of the school's
 * teachers at high risk of burnout — items marked done, new items, closing with the outcome.
 */
export default function SupportPage() {
  const qc = useQueryClient();
  const access = useWellbeingAccess();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const plans = useSchoolPlans(status, access.data?.keepPlans === true);
  const [adding, setAdding] = useState<SupportPlan | null>(null);
  const [closing, setClosing] = useState<SupportPlan | null>(null);
  if (access.data && !access.data.keepPlans) return <NoAccess />;
  const items = plans.data?.items ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title="Поддержка педагогов"
        description="Планы поддержки педагогов школы с высоким риском профессионального выгорания. Их видят только сам педагог, руководитель школы и педагог-психолог школы."
      />
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(v) => setStatus(v as 'open' | 'closed')}
        data={[
          { value: 'open', label: 'Открытые' },
          { value: 'closed', label: 'Закрытые' },
        ]}
      />
      <ErrorAlert error={access.error ?? plans.error} title="Не удалось загрузить планы поддержки" />
      {(access.isPending || plans.isPending) && <LoadingRows rows={3} />}
      {plans.data && items.length === 0 && (
        <Empty
          title={status === 'open' ? 'Открытых планов поддержки нет' : 'Закрытых планов пока нет'}
          description="План открывается сам, когда педагог школы проходит опросник о профессиональном выгорании (методика Н. Е. Водопьяновой) и результат показывает высокий риск. Попросите методиста включить опросник в кампанию диагностики для вашей школы."
        />
      )}
      {items.map((p) => (
        <PlanCard
          key={p.id}
          plan={p}
          showName
          actions={
            p.canKeep && (
              <>
                <Button size="xs" variant="light" onClick={() => setAdding(p)}>
                  Добавить пункт
                </Button>
                <Button size="xs" variant="default" onClick={() => setClosing(p)}>
                  Закрыть план
                </Button>
              </>
            )
          }
        />
      ))}
      <ModalForm
        opened={adding !== null}
        onClose={() => setAdding(null)}
        title={`Новый пункт плана: ${adding?.personName ?? ''}`}
        initialValues={() => ({ kind: 'psychologist', note: '', dueOn: '' })}
        submit={(v) =>
          addSupportItem(adding!.id, { kind: v.kind as never, note: v.note, dueOn: v.dueOn || null })
        }
        onSuccess={() => afterWellbeingChanged(qc)}
        submitLabel="Добавить"
        errorTitle="Не удалось добавить пункт"
      >
        {(form) => (
          <>
            <NativeSelect label="Мера поддержки" data={options(ITEM_KINDS)} {...form.getInputProps('kind')} />
            <Textarea label="Содержание" autosize minRows={2} required {...form.getInputProps('note')} />
            <TextInput label="Срок" type="date" {...form.getInputProps('dueOn')} />
          </>
        )}
      </ModalForm>
      <ModalForm
        opened={closing !== null}
        onClose={() => setClosing(null)}
        title={`Закрыть план: ${closing?.personName ?? ''}`}
        initialValues={() => ({ outcome: closing?.canCloseImproved ? 'improved' : 'other', note: '' })}
        submit={(v) => closeSupportPlan(closing!.id, { outcome: v.outcome as never, note: v.note || null })}
        onSuccess={() => afterWellbeingChanged(qc)}
        submitLabel="Закрыть план"
        errorTitle="Не удалось закрыть план"
      >
        {(form) => (
          <>
            {!closing?.canCloseImproved && (
              <Text size="sm" c="dimmed">
                Закрыть план с улучшением можно после повторного скрининга, который не показал высокого риска.
              </Text>
            )}
            <NativeSelect
              label="Итог"
              data={[
                ...(closing?.canCloseImproved
                  ? [{ value: 'improved', label: 'Повторный скрининг: высокого риска нет' }]
                  : []),
                { value: 'other', label: 'Закрыт по другой причине' },
              ]}
              {...form.getInputProps('outcome')}
            />
            <Textarea label="Комментарий" autosize minRows={2} {...form.getInputProps('note')} />
          </>
        )}
      </ModalForm>
    </Stack>
  );
}
