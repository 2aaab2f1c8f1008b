import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { afterFrameworkLoaded, loadFrameworkPreset, useFrameworkPresets } from '../../api/assessment.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/**
 * What a page needing a competency framework offers when there is none: the preset frameworks,
 * each loaded with one button (the administrator, the region operator and the methodist may;
 * others are told who does it). Used by the deficits, results import and route generation pages.
 */
export function FrameworkPresetOffer({ compact = false }: { compact?: boolean }) {
  const presets = useFrameworkPresets();
  const qc = useQueryClient();
  const load = useMutation({
    mutationFn: loadFrameworkPreset,
    onSuccess: () => afterFrameworkLoaded(qc),
  });
  const data = presets.data;
  if (!data) return <ErrorAlert error={presets.error} title="Типовые карты компетенций не загружены" />;
  if (!data.canLoad)
    return (
      <Text size="sm" c="dimmed">
        Карты компетенций загружают методист или администратор.
      </Text>
    );
  const offered = data.items.filter((p) => !p.loaded);
  return (
    <Stack gap="xs" align={compact ? 'flex-start' : 'center'}>
      <Group gap="sm" justify={compact ? 'flex-start' : 'center'}>
        {offered.map((p) => (
          <Button
            key={p.code}
            size={compact ? 'xs' : 'sm'}
            variant={p.audience === 'teacher' ? 'filled' : 'default'}
            loading={load.isPending && load.variables === p.code}
            disabled={load.isPending}
            onClick={() => load.mutate(p.code)}
            title={`${p.description} Компетенций: ${p.competencies}.`}
          >
            Загрузить типовую рамку «{p.name}»
          </Button>
        ))}
      </Group>
      <ErrorAlert error={load.error} title="Карта компетенций не загружена" />
    </Stack>
  );
}
