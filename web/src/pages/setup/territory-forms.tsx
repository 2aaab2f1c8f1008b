import { Alert, Button, Group, List, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createUser } from '../../api/admin.ts';
import type { Answer } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import {
  addMunicipalities,
  afterTerritoriesChanged,
  createRegion,
  renameMunicipality,
  renameRegion,
} from '../../api/setup.ts';
import { CopyLink } from '../../components/copy-link.tsx';
import { ModalForm } from '../../components/modal-form.tsx';

/** The forms of the set-up pages: a region, municipalities, a rename, the first methodist. */

type Summary = Answer<'/api/territories/summary', 'get'>;
type RegionRow = Summary['regions'][number];
type MunicipalityRow = Summary['municipalities'][number];

interface Opened {
  opened: boolean;
  onClose: () => void;
}

export function RegionForm({ opened, onClose }: Opened) {
  const qc = useQueryClient();
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Новый регион"
      size="md"
      initialValues={() => ({ name: '', code: '' })}
      validate={(v) => ({ name: v.name.trim().length < 2 ? 'Укажите название региона' : null })}
      submit={(v) => createRegion({ name: v.name.trim(), ...(v.code.trim() ? { code: v.code.trim() } : {}) })}
      onSuccess={() => afterTerritoriesChanged(qc)}
      submitLabel="Добавить регион"
    >
      {(form) => (
        <>
          <TextInput
            label="Название"
            placeholder="Иркутская область"
            description="Как в перечне субъектов: код (например, 38 для Иркутской области) подставится сам"
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Код"
            description="Необязательно: нужен, только если региона нет в общем перечне субъектов"
            {...form.getInputProps('code')}
          />
        </>
      )}
    </ModalForm>
  );
}

const namesOf = (text: string) =>
  text
    .split(/\r?\n|;/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

/** Several municipalities at once, one name per line; names the region has are reported, not doubled. */
export function MunicipalitiesForm({
  opened,
  onClose,
  regions,
  regionId,
}: Opened & { regions: Pick<RegionRow, 'id' | 'name'>[]; regionId?: string | undefined }) {
  const qc = useQueryClient();
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Добавить муниципалитеты"
      size="md"
      initialValues={() => ({ regionId: regionId ?? regions[0]?.id ?? '', names: '' })}
      validate={(v) => ({
        regionId: v.regionId ? null : 'Выберите регион',
        names: namesOf(v.names).length ? null : 'Впишите хотя бы одно название',
      })}
      submit={(v) => addMunicipalities({ regionId: v.regionId, names: namesOf(v.names) })}
      onSuccess={() => afterTerritoriesChanged(qc)}
      submitLabel="Добавить"
      done={(r, close) => (
        <Stack gap="sm">
          <Alert color="teal" title="Готово" role="status">
            {r.created.length > 0 && (
              <Text size="sm">Добавлены: {r.created.map((m) => `«${m.name}»`).join(', ')}.</Text>
            )}
            {r.existing.length > 0 && (
              <Text size="sm">
                Уже были: {r.existing.map((m) => `«${m.name}»`).join(', ')} — не дублируются.
              </Text>
            )}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>Готово</Button>
          </Group>
        </Stack>
      )}
    >
      {(form) => (
        <>
          {regions.length > 1 && (
            <NativeSelect
              label="Регион"
              data={regions.map((r) => ({ value: r.id, label: r.name }))}
              {...form.getInputProps('regionId')}
            />
          )}
          <Textarea
            label="Названия муниципалитетов"
            description="По одному в строке, например «г. Зима» или «Зиминский район»"
            autosize
            minRows={4}
            required
            data-autofocus
            {...form.getInputProps('names')}
          />
        </>
      )}
    </ModalForm>
  );
}

/** A new name or code for a region or a municipality; the change is written to the audit log. */
export function RenameForm({
  opened,
  onClose,
  target,
}: Opened & {
  target: {
    kind: 'region' | 'municipality';
    item: Pick<RegionRow | MunicipalityRow, 'id' | 'name' | 'code'>;
  } | null;
}) {
  const qc = useQueryClient();
  const what = target?.kind === 'region' ? 'регион' : 'муниципалитет';
  return (
    <ModalForm
      opened={opened && target !== null}
      onClose={onClose}
      title={`Переименовать ${what}`}
      size="md"
      initialValues={() => ({ name: target?.item.name ?? '', code: target?.item.code ?? '' })}
      validate={(v) => ({
        name: v.name.trim().length < 2 ? 'Не короче двух символов' : null,
        code: v.code.trim() ? null : 'Укажите код',
      })}
      submit={(v) => {
        const body = { name: v.name.trim(), code: v.code.trim() };
        return target?.kind === 'region'
          ? renameRegion(target.item.id, body)
          : renameMunicipality(target?.item.id ?? '', body);
      }}
      onSuccess={() => afterTerritoriesChanged(qc)}
    >
      {(form) => (
        <>
          <TextInput label="Название" required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Код"
            description={
              target?.kind === 'municipality'
                ? 'ОКТМО или свой код муниципалитета; по названию муниципалитет находит и загрузка организаций'
                : 'Код субъекта'
            }
            required
            {...form.getInputProps('code')}
          />
        </>
      )}
    </ModalForm>
  );
}

/** The first methodist of a municipality: an account and a link to set the password. */
export function MethodistForm({
  opened,
  onClose,
  municipalities,
}: Opened & { municipalities: Pick<MunicipalityRow, 'id' | 'name' | 'regionName'>[] }) {
  const qc = useQueryClient();
  const several = new Set(municipalities.map((m) => m.regionName)).size > 1;
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Учётная запись методиста"
      size="md"
      initialValues={() => ({ fullName: '', email: '', municipalityId: municipalities[0]?.id ?? '' })}
      validate={(v) => ({
        fullName: v.fullName.trim().length < 2 ? 'Укажите ФИО' : null,
        email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim()) ? null : 'Укажите адрес электронной почты',
        municipalityId: v.municipalityId ? null : 'Выберите муниципалитет',
      })}
      submit={(v) =>
        createUser({
          fullName: v.fullName.trim(),
          email: v.email.trim(),
          role: 'municipal_methodist',
          municipalityId: v.municipalityId,
        })
      }
      onSuccess={async () => {
        await qc.invalidateQueries({ queryKey: keys.setup.all });
        await qc.invalidateQueries({ queryKey: keys.users.all });
      }}
      submitLabel="Создать и получить ссылку"
      done={(r, close) => (
        <Stack gap="sm">
          <CopyLink invitation={r} title={`Ссылка для ${r.user.fullName}`} />
          <Group justify="flex-end">
            <Button onClick={close}>Готово</Button>
          </Group>
        </Stack>
      )}
    >
      {(form) => (
        <>
          <TextInput label="ФИО" required data-autofocus {...form.getInputProps('fullName')} />
          <TextInput
            label="Электронная почта (логин)"
            type="email"
            required
            {...form.getInputProps('email')}
          />
          <NativeSelect
            label="Муниципалитет"
            data={municipalities.map((m) => ({
              value: m.id,
              label: several ? `${m.name} (${m.regionName})` : m.name,
            }))}
            {...form.getInputProps('municipalityId')}
          />
          <Text size="xs" c="dimmed">
            Методист ведёт реестр своего муниципалитета. Других методистов и руководителей можно добавить в
            разделе «Пользователи».
          </Text>
        </>
      )}
    </ModalForm>
  );
}

/** Names in a sentence: «г. Зима, Зиминский район и ещё 3». */
export function NameList({ names, max = 4 }: { names: string[]; max?: number }) {
  if (names.length === 0) return null;
  const shown = names.slice(0, max);
  return (
    <List size="sm" spacing={0}>
      {shown.map((n) => (
        <List.Item key={n}>{n}</List.Item>
      ))}
      {names.length > max && <List.Item>и ещё {names.length - max}</List.Item>}
    </List>
  );
}
