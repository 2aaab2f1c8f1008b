import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useMySupport, useWellbeingAccess } from '../../api/wellbeing.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { PlanCard } from './plan-card.tsx';

/** «Моя поддержка»: the teacher's own support plans; a school psychologist also finds the school's plans here. */
export default function MySupportPage() {
  const mine = useMySupport();
  const access = useWellbeingAccess();
  const items = mine.data?.items ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title="Моя поддержка"
        description="Ваш план поддержки после опросника о профессиональном выгорании. Его видите вы, руководитель школы и педагог-психолог школы."
      />
      {access.data?.keepPlans && (
        <Text size="sm">
          Вы ведёте планы поддержки педагогов школы:{' '}
          <Anchor component={Link} to="/wellbeing">
            Поддержка педагогов
          </Anchor>
        </Text>
      )}
      <ErrorAlert error={mine.error} title="Не удалось загрузить план поддержки" />
      {mine.isPending && <LoadingRows rows={3} />}
      {mine.data && items.length === 0 && (
        <Empty
          title="Плана поддержки у вас нет"
          description="План появляется, если опросник о профессиональном выгорании показал высокий риск. Если поддержка нужна вам сейчас, обратитесь к педагогу-психологу или руководителю школы."
        />
      )}
      {items.map((p) => (
        <PlanCard key={p.id} plan={p} showName={false} />
      ))}
    </Stack>
  );
}
