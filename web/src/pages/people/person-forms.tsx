import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/api.ts';
import { orgOptions, useOrganizations } from '../../api/queries.ts';
import type {
  Category,
  Employment,
  EmploymentKind,
  InvitationLink,
  PersonCard,
  Role,
  StaffCategory,
} from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { CopyLink } from '../../components/copy-link.tsx';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import {
  CATEGORY_OPTIONS,
  EDUCATION_LEVELS,
  EMPLOYMENT_KINDS,
  ROLE_LABELS,
  STAFF_CATEGORIES,
  todayIso,
} from '../../lib/words.ts';

const num = (x: string | number): number =>
  typeof x === 'number' ? x : Number(String(x).replace(',', '.')) || 0;
const options = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));

// ---------- person ----------

interface PersonFields {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: 'm' | 'f';
  snils: string;
  email: string;
  education: string;
  pedExperienceYears: string;
  category: Category;
  categoryDate: string;
}

function personFields(p: PersonCard | null): PersonFields {
  return {
    lastName: p?.lastName ?? '',
    firstName: p?.firstName ?? '',
    patronymic: p?.patronymic ?? '',
    birthDate: p?.birthDate ?? '',
    sex: p?.sex ?? 'f',
    snils: p?.snils ?? '',
    email: p?.email ?? '',
    education: p?.education ?? '',
    pedExperienceYears: p?.pedExperienceYears === null || !p ? '' : String(p.pedExperienceYears),
    category: p?.category ?? 'none',
    categoryDate: p?.categoryDate ?? '',
  };
}

function personBody(v: PersonFields) {
  return {
    lastName: v.lastName.trim(),
    firstName: v.firstName.trim(),
    patronymic: v.patronymic.trim(),
    birthDate: v.birthDate,
    sex: v.sex,
    snils: v.snils.trim() || null,
    email: v.email.trim() || null,
    education: v.education || null,
    pedExperienceYears: v.pedExperienceYears.trim() === '' ? null : num(v.pedExperienceYears),
    category: v.category,
    categoryDate: v.categoryDate || null,
  };
}

function PersonFieldset({
  v,
  set,
  errors,
  snilsMasked,
  identityLocked = false,
}: {
  v: PersonFields;
  set: <K extends keyof PersonFields>(k: K, value: PersonFields[K]) => void;
  errors: Record<string, string>;
  snilsMasked: boolean;
  /** The person also works where the caller does not keep the registry: who they are stays as is. */
  identityLocked?: boolean;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {identityLocked && (
        <Text size="sm" c="dimmed" style={{ gridColumn: '1 / -1' }}>
          Сотрудник работает и в другой организации: ФИО, дату рождения и СНИЛС может изменить тот, кто ведёт
          реестр всех мест его работы (методист муниципалитета или региональный оператор).
        </Text>
      )}
      <TextInput
        label="Фамилия"
        required
        disabled={identityLocked}
        value={v.lastName}
        onChange={(e) => set('lastName', e.currentTarget.value)}
        error={errors.lastName}
      />
      <TextInput
        label="Имя"
        required
        disabled={identityLocked}
        value={v.firstName}
        onChange={(e) => set('firstName', e.currentTarget.value)}
        error={errors.firstName}
      />
      <TextInput
        label="Отчество"
        disabled={identityLocked}
        value={v.patronymic}
        onChange={(e) => set('patronymic', e.currentTarget.value)}
        error={errors.patronymic}
      />
      <TextInput
        label="Дата рождения"
        type="date"
        required
        disabled={identityLocked}
        value={v.birthDate}
        onChange={(e) => set('birthDate', e.currentTarget.value)}
        error={errors.birthDate}
      />
      <NativeSelect
        label="Пол"
        data={[
          { value: 'f', label: 'женский' },
          { value: 'm', label: 'мужской' },
        ]}
        value={v.sex}
        onChange={(e) => set('sex', e.currentTarget.value as 'm' | 'f')}
      />
      <TextInput
        label="СНИЛС"
        placeholder="123-456-789 01"
        value={v.snils}
        disabled={snilsMasked || identityLocked}
        description={snilsMasked ? 'Изменить СНИЛС может методист' : undefined}
        onChange={(e) => set('snils', e.currentTarget.value)}
        error={errors.snils}
      />
      <TextInput
        label="Электронная почта"
        type="email"
        value={v.email}
        onChange={(e) => set('email', e.currentTarget.value)}
        error={errors.email}
      />
      <NativeSelect
        label="Образование"
        data={[{ value: '', label: 'не указано' }, ...options(EDUCATION_LEVELS)]}
        value={v.education}
        onChange={(e) => set('education', e.currentTarget.value)}
        error={errors.education}
      />
      <TextInput
        label="Педагогический стаж, лет"
        inputMode="decimal"
        value={v.pedExperienceYears}
        onChange={(e) => set('pedExperienceYears', e.currentTarget.value)}
        error={errors.pedExperienceYears}
      />
      <NativeSelect
        label="Квалификационная категория"
        data={CATEGORY_OPTIONS}
        value={v.category}
        onChange={(e) => set('category', e.currentTarget.value as Category)}
        error={errors.category}
      />
      <TextInput
        label="Дата присвоения категории"
        type="date"
        value={v.categoryDate}
        onChange={(e) => set('categoryDate', e.currentTarget.value)}
        error={errors.categoryDate}
        description="Категория действует 5 лет"
      />
    </SimpleGrid>
  );
}

/** Edit the person's own fields; only the changed ones are sent, so the history stays readable. */
export function PersonEditForm({
  person,
  opened,
  onClose,
}: {
  person: PersonCard;
  opened: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [v, setV] = useState(() => personFields(person));
  const save = useMutation({
    mutationFn: () => {
      const before = personBody(personFields(person)) as Record<string, unknown>;
      const after = personBody(v) as Record<string, unknown>;
      const patch = Object.fromEntries(
        Object.entries(after).filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(before[k])),
      );
      return api.patch<PersonCard>(`/api/people/${person.id}`, patch);
    },
    onSuccess: (card) => {
      qc.setQueryData(['person', person.id], card);
      void qc.invalidateQueries({ queryKey: ['staff'] });
      onClose();
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    if (opened) {
      setV(personFields(person));
      save.reset();
    }
  }, [opened]);
  const set = <K extends keyof PersonFields>(k: K, value: PersonFields[K]) =>
    setV((p) => ({ ...p, [k]: value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Изменить сведения о сотруднике" size="xl">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <PersonFieldset
            v={v}
            set={set}
            errors={fieldErrors(save.error)}
            snilsMasked={Boolean(person.snils?.startsWith('*'))}
            identityLocked={!person.canEditIdentity}
          />
          <Text size="xs" c="dimmed">
            Изменения сохраняются в истории карточки: кто, когда и что изменил.
          </Text>
          <ErrorAlert error={save.error} title="Не сохранено" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={save.isPending}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// ---------- employment ----------

interface EmploymentFields {
  organizationId: string;
  position: string;
  staffCategory: StaffCategory;
  kind: EmploymentKind;
  subjects: string;
  loadHours: number;
  rate: number;
  startDate: string;
  outsideProfile: boolean;
}

function employmentFields(e: Employment | null, organizationId: string): EmploymentFields {
  return {
    organizationId: e?.organizationId ?? organizationId,
    position: e?.position ?? 'Учитель',
    staffCategory: e?.staffCategory ?? 'pedagogical',
    kind: e?.kind ?? 'main',
    subjects: e?.subjects.join(', ') ?? '',
    loadHours: e?.loadHours ?? 18,
    rate: e?.rate ?? 1,
    startDate: e?.startDate ?? '',
    outsideProfile: e?.outsideProfile ?? false,
  };
}

function employmentBody(v: EmploymentFields) {
  return {
    organizationId: v.organizationId,
    position: v.position.trim(),
    staffCategory: v.staffCategory,
    kind: v.kind,
    subjects: v.subjects
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
    loadHours: v.loadHours,
    rate: v.rate,
    startDate: v.startDate || null,
    outsideProfile: v.outsideProfile,
  };
}

function EmploymentFieldset({
  v,
  set,
  errors,
  fixedOrg,
}: {
  v: EmploymentFields;
  set: <K extends keyof EmploymentFields>(k: K, value: EmploymentFields[K]) => void;
  errors: Record<string, string>;
  fixedOrg: boolean;
}) {
  const orgs = useOrganizations();
  const err = (k: string) => errors[k] ?? errors[`employment.${k}`];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <NativeSelect
        label="Организация"
        required
        disabled={fixedOrg}
        data={orgOptions(orgs.data?.items, 'Выберите организацию')}
        value={v.organizationId}
        onChange={(e) => set('organizationId', e.currentTarget.value)}
        error={err('organizationId')}
      />
      <TextInput
        label="Должность"
        required
        value={v.position}
        onChange={(e) => set('position', e.currentTarget.value)}
        error={err('position')}
      />
      <NativeSelect
        label="Категория работников"
        data={options(STAFF_CATEGORIES)}
        value={v.staffCategory}
        onChange={(e) => set('staffCategory', e.currentTarget.value as StaffCategory)}
      />
      <NativeSelect
        label="Вид занятости"
        data={options(EMPLOYMENT_KINDS)}
        value={v.kind}
        onChange={(e) => set('kind', e.currentTarget.value as EmploymentKind)}
        error={err('kind')}
      />
      <TextInput
        label="Предметы"
        description="Через запятую"
        value={v.subjects}
        onChange={(e) => set('subjects', e.currentTarget.value)}
        error={err('subjects')}
      />
      <TextInput
        label="Дата начала работы"
        type="date"
        value={v.startDate}
        onChange={(e) => set('startDate', e.currentTarget.value)}
        error={err('startDate')}
      />
      <NumberInput
        label="Нагрузка, ч в неделю"
        min={0}
        max={80}
        decimalScale={1}
        decimalSeparator=","
        value={v.loadHours}
        onChange={(x) => set('loadHours', num(x))}
        error={err('loadHours')}
      />
      <NumberInput
        label="Ставка"
        min={0.05}
        max={5}
        step={0.25}
        decimalScale={2}
        decimalSeparator=","
        value={v.rate}
        onChange={(x) => set('rate', num(x))}
        error={err('rate')}
      />
      <Checkbox
        label="Ведёт предмет не по профилю образования («условный специалист»)"
        checked={v.outsideProfile}
        onChange={(e) => set('outsideProfile', e.currentTarget.checked)}
      />
    </SimpleGrid>
  );
}

/** Add a place of work (employment = null) or edit one. */
export function EmploymentForm({
  person,
  employment,
  opened,
  onClose,
  defaultOrgId,
}: {
  person: PersonCard;
  employment: Employment | null;
  opened: boolean;
  onClose: () => void;
  defaultOrgId: string;
}) {
  const qc = useQueryClient();
  const [v, setV] = useState(() => employmentFields(employment, defaultOrgId));
  const save = useMutation({
    mutationFn: async () => {
      const body = employmentBody(v);
      if (employment) {
        const { organizationId: _org, ...patch } = body;
        await api.patch<void>(`/api/employments/${employment.id}`, patch);
      } else {
        await api.post<PersonCard>(`/api/people/${person.id}/employments`, body);
      }
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['person', person.id] });
      void qc.invalidateQueries({ queryKey: ['staff'] });
      onClose();
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    if (opened) {
      setV(employmentFields(employment, defaultOrgId));
      save.reset();
    }
  }, [opened]);
  const set = <K extends keyof EmploymentFields>(k: K, value: EmploymentFields[K]) =>
    setV((p) => ({ ...p, [k]: value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={employment ? 'Изменить место работы' : 'Новое место работы'}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <EmploymentFieldset
            v={v}
            set={set}
            errors={fieldErrors(save.error)}
            fixedOrg={Boolean(employment)}
          />
          <ErrorAlert error={save.error} title="Не сохранено" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={save.isPending}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function EndEmploymentForm({
  person,
  employment,
  onClose,
}: {
  person: PersonCard;
  employment: Employment | null;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [endDate, setEndDate] = useState(todayIso());
  const save = useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/employments/${id}/end`, { endDate }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['person', person.id] });
      void qc.invalidateQueries({ queryKey: ['staff'] });
      onClose();
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    setEndDate(todayIso());
    save.reset();
  }, [employment]);
  return (
    <Modal opened={employment !== null} onClose={onClose} title="Завершить место работы">
      {employment && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(employment.id);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              {employment.position}, {employment.organizationName}. Запись останется в карточке серой строкой.
            </Text>
            <TextInput
              label="Дата окончания"
              type="date"
              required
              value={endDate}
              onChange={(e) => setEndDate(e.currentTarget.value)}
              error={fieldErrors(save.error).endDate}
            />
            <ErrorAlert error={save.error} title="Не сохранено" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Отмена
              </Button>
              <Button type="submit" color="orange" loading={save.isPending}>
                Завершить
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

// ---------- new person ----------

/** A new person together with their first place of work. */
export function NewPersonForm({
  opened,
  onClose,
  defaultOrgId,
}: {
  opened: boolean;
  onClose: () => void;
  defaultOrgId: string;
}) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [p, setP] = useState(() => personFields(null));
  const [e, setE] = useState(() => employmentFields(null, defaultOrgId));
  const save = useMutation({
    mutationFn: () =>
      api.post<PersonCard>('/api/people', { ...personBody(p), employment: employmentBody(e) }),
    onSuccess: (card) => {
      qc.setQueryData(['person', card.id], card);
      void qc.invalidateQueries({ queryKey: ['staff'] });
      void qc.invalidateQueries({ queryKey: ['organizations'] });
      onClose();
      navigate(`/people/${card.id}`);
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    if (opened) {
      setP(personFields(null));
      setE(employmentFields(null, defaultOrgId));
      save.reset();
    }
  }, [opened]);
  const errors = fieldErrors(save.error);
  const duplicate =
    save.error instanceof ApiError && save.error.status === 409
      ? ((save.error.body as { error?: { personId?: string } })?.error?.personId ?? null)
      : null;
  return (
    <Modal opened={opened} onClose={onClose} title="Новый сотрудник" size="xl">
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <PersonFieldset
            v={p}
            set={(k, value) => setP((x) => ({ ...x, [k]: value }))}
            errors={errors}
            snilsMasked={false}
          />
          <Divider label="Место работы" labelPosition="left" />
          <EmploymentFieldset
            v={e}
            set={(k, value) => setE((x) => ({ ...x, [k]: value }))}
            errors={errors}
            fixedOrg={false}
          />
          <ErrorAlert error={save.error} title="Не сохранено" />
          {duplicate && (
            <Button variant="light" onClick={() => navigate(`/people/${duplicate}`)} w="fit-content">
              Открыть карточку уже внесённого сотрудника
            </Button>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={save.isPending}>
              Добавить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// ---------- invitation ----------

/** Roles each role may hand out by inviting a person from the registry (the server's INVITABLE). */
const INVITABLE: Partial<Record<Role, Role[]>> = {
  admin: ['teacher', 'curator', 'org_head', 'expert', 'municipal_methodist', 'municipal_head'],
  region_admin: ['teacher', 'curator', 'org_head', 'expert', 'municipal_methodist', 'municipal_head'],
  municipal_methodist: ['teacher', 'curator', 'org_head', 'expert'],
  org_head: ['teacher', 'curator'],
};

export function InviteForm({
  person,
  opened,
  onClose,
}: {
  person: PersonCard;
  opened: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const me = useMe();
  const roles = INVITABLE[me.role] ?? ['teacher'];
  const [role, setRole] = useState<Role>('teacher');
  const [email, setEmail] = useState(person.email ?? '');
  const invite = useMutation({
    mutationFn: () =>
      api.post<InvitationLink>('/api/invitations', { personId: person.id, role, email: email.trim() }),
  });
  // The card learns about the new account only when the dialog closes: refreshing it earlier
  // would hide the link before the user has copied it.
  const close = () => {
    if (invite.data) void qc.invalidateQueries({ queryKey: ['person', person.id] });
    onClose();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    if (opened) {
      setEmail(person.email ?? '');
      setRole('teacher');
      invite.reset();
    }
  }, [opened]);
  return (
    <Modal opened={opened} onClose={close} title="Пригласить в систему" size="lg">
      {invite.data ? (
        <Stack>
          <CopyLink invitation={invite.data} title={`Приглашение для ${person.fullName} создано`} />
          <Button onClick={close} w="fit-content">
            Готово
          </Button>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              Для сотрудника будет создана учётная запись. Вы получите ссылку, по которой он задаст пароль.
            </Text>
            <NativeSelect
              label="Роль"
              data={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
            />
            <TextInput
              label="Электронная почта (будет логином)"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrors(invite.error).email}
            />
            {role !== 'teacher' && role !== 'curator' && (
              <Alert color="yellow" variant="light">
                {ROLE_LABELS[role]} видит сведения о сотрудниках в своей области доступа. Проверьте, что роль
                выбрана верно.
              </Alert>
            )}
            <ErrorAlert error={invite.error} title="Приглашение не создано" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Отмена
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Создать приглашение
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
