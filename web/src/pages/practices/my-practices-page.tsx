import { Button, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePractices } from '../../api/practices.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { MaterialForm } from './material-form.tsx';
import { MaterialTable } from './practices-page.tsx';

/** «Мои материалы»: the caller's drafts, those on moderation, returned and published. */
export default function MyPracticesPage() {
  const list = usePractices({ mine: 'true' });
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const canCreate = list.data?.canCreate ?? false;
  const returned = list.data?.items.filter((m) => m.status === 'returned').length ?? 0;
  return (
    <Stack gap="md">
      <PageHeader
        title="Мои материалы"
        description="Ваши материалы и практики для банка: черновики, отправленные на модерацию, возвращённые на доработку и опубликованные."
        actions={canCreate && <Button onClick={() => setCreating(true)}>Добавить материал</Button>}
      />
      <ErrorAlert error={list.error} title="Не удалось загрузить ваши материалы" />
      {list.isPending && <LoadingRows rows={4} label="Загрузка" />}
      {returned > 0 && (
        <Text size="sm" c="orange">
          Возвращено на доработку: {returned}. Откройте материал, исправьте по замечанию и отправьте снова.
        </Text>
      )}
      {list.data && list.data.total === 0 && (
        <Paper withBorder>
          <Empty
            title="У вас пока нет материалов"
            description={
              canCreate
                ? 'Добавьте методический материал или практику: название, тему, компетенции и ссылку или файл. Сохраните черновик и отправьте его на модерацию — методический совет опубликует его в банке практик.'
                : 'Материалы в банк добавляют педагоги, руководители организаций и методисты.'
            }
            actions={
              canCreate ? (
                <Button onClick={() => setCreating(true)}>Добавить материал</Button>
              ) : (
                <Button component={Link} to="/practices" variant="light">
                  Открыть банк практик
                </Button>
              )
            }
          />
        </Paper>
      )}
      {list.data && list.data.total > 0 && (
        <MaterialTable
          items={list.data.items}
          loading={list.isPlaceholderData}
          label="Мои материалы"
          showStatus
        />
      )}
      <MaterialForm
        material={null}
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(m) => navigate(`/practices/${m.id}`)}
      />
    </Stack>
  );
}
