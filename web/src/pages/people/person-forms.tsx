import {
  Alert,
  Button,
  Checkbox,
  Divider,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/api.ts';
import {
  addEmployment,
  afterPersonChanged,
  createPerson,
  endEmployment,
  invitePerson,
  type NewPersonBody,
  updateEmployment,
  updatePerson,
} from '../../api/directory.ts';
import { keys } from '../../api/keys.ts';
import type {
  Category,
  Employment,
  EmploymentKind,
  PersonCard,
  Role,
  StaffCategory,
} from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { CopyLink } from '../../components/copy-link.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
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

/** A fieldset's view of the form it sits in: the field's props by its key (under a prefix). */
type Input<T> = (key: keyof T & string, opts?: { type: 'checkbox' }) => GetInputPropsReturnType;

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
    // One of EDUCATION_LEVELS (the select offers nothing else) or none.
    education: (v.education || null) as NewPersonBody['education'],
    pedExperienceYears: v.pedExperienceYears.trim() === '' ? null : num(v.pedExperienceYears),
    category: v.category,
    categoryDate: v.categoryDate || null,
  };
}

function PersonFieldset({
  input,
  snilsMasked,
  identityLocked = false,
}: {
  input: Input<PersonFields>;
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
      <TextInput label="Фамилия" required disabled={identityLocked} {...input('lastName')} />
      <TextInput label="Имя" required disabled={identityLocked} {...input('firstName')} />
      <TextInput label="Отчество" disabled={identityLocked} {...input('patronymic')} />
      <TextInput
        label="Дата рождения"
        type="date"
        required
        disabled={identityLocked}
        {...input('birthDate')}
      />
      <NativeSelect
        label="Пол"
        data={[
          { value: 'f', label: 'женский' },
          { value: 'm', label: 'мужской' },
        ]}
        {...input('sex')}
      />
      <TextInput
        label="СНИЛС"
        placeholder="123-456-789 01"
        disabled={snilsMasked || identityLocked}
        description={snilsMasked ? 'Изменить СНИЛС может методист' : undefined}
        {...input('snils')}
      />
      <TextInput label="Электронная почта" type="email" {...input('email')} />
      <NativeSelect
        label="Образование"
        data={[{ value: '', label: 'не указано' }, ...options(EDUCATION_LEVELS)]}
        {...input('education')}
      />
      <TextInput label="Педагогический стаж, лет" inputMode="decimal" {...input('pedExperienceYears')} />
      <NativeSelect label="Квалификационная категория" data={CATEGORY_OPTIONS} {...input('category')} />
      <TextInput
        label="Дата присвоения категории"
        type="date"
        {...input('categoryDate')}
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
  function submit(v: PersonFields) {
    const before = personBody(personFields(person)) as Record<string, unknown>;
    const after = personBody(v) as Record<string, unknown>;
    const patch = Object.fromEntries(
      Object.entries(after).filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(before[k])),
    );
    return updatePerson(person.id, patch);
  }
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Изменить сведения о сотруднике"
      size="xl"
      initialValues={() => personFields(person)}
      submit={submit}
      onSuccess={(card) => {
        qc.setQueryData(keys.people.detail(person.id), card);
        void qc.invalidateQueries({ queryKey: keys.staff.all });
      }}
    >
      {(form) => (
        <>
          <PersonFieldset
            input={(k, opts) => form.getInputProps(k, opts)}
            snilsMasked={Boolean(person.snils?.startsWith('*'))}
            identityLocked={!person.canEditIdentity}
          />
          <Text size="xs" c="dimmed">
            Изменения сохраняются в истории карточки: кто, когда и что изменил.
          </Text>
        </>
      )}
    </ModalForm>
  );
}

// ---------- employment ----------

interface EmploymentFields {
  organizationId: string;
  position: string;
  staffCategory: StaffCategory;
  kind: EmploymentKind;
  subjects: string;
  loadHours: number | string;
  rate: number | string;
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
    loadHours: num(v.loadHours),
    rate: num(v.rate),
    startDate: v.startDate || null,
    outsideProfile: v.outsideProfile,
  };
}

function EmploymentFieldset({ input, fixedOrg }: { input: Input<EmploymentFields>; fixedOrg: boolean }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <OrganizationSelect
        required
        disabled={fixedOrg}
        allLabel="Выберите организацию"
        {...input('organizationId')}
      />
      <TextInput label="Должность" required {...input('position')} />
      <NativeSelect
        label="Категория работников"
        data={options(STAFF_CATEGORIES)}
        {...input('staffCategory')}
      />
      <NativeSelect label="Вид занятости" data={options(EMPLOYMENT_KINDS)} {...input('kind')} />
      <TextInput label="Предметы" description="Через запятую" {...input('subjects')} />
      <TextInput label="Дата начала работы" type="date" {...input('startDate')} />
      <NumberInput
        label="Нагрузка, ч в неделю"
        min={0}
        max={80}
        decimalScale={1}
        decimalSeparator=","
        {...input('loadHours')}
      />
      <NumberInput
        label="Ставка"
        min={0.05}
        max={5}
        step={0.25}
        decimalScale={2}
        decimalSeparator=","
        {...input('rate')}
      />
      <Checkbox
        label="Ведёт предмет не по профилю образования («условный специалист»)"
        {...input('outsideProfile', { type: 'checkbox' })}
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
  async function submit(v: EmploymentFields): Promise<void> {
    const body = employmentBody(v);
    if (employment) {
      const { organizationId: _org, ...patch } = body;
      await updateEmployment(employment.id, patch);
    } else {
      await addEmployment(person.id, body);
    }
  }
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={employment ? 'Изменить место работы' : 'Новое место работы'}
      initialValues={() => employmentFields(employment, defaultOrgId)}
      submit={submit}
      onSuccess={() => afterPersonChanged(qc, person.id)}
    >
      {(form) => (
        <EmploymentFieldset input={(k, opts) => form.getInputProps(k, opts)} fixedOrg={Boolean(employment)} />
      )}
    </ModalForm>
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
  return (
    <ModalForm
      opened={employment !== null}
      onClose={onClose}
      title="Завершить место работы"
      size="md"
      initialValues={() => ({ endDate: todayIso() })}
      submit={(v) => endEmployment(employment?.id ?? '', v.endDate)}
      onSuccess={() => afterPersonChanged(qc, person.id)}
      submitLabel="Завершить"
      submitColor="orange"
    >
      {(form) => (
        <>
          {employment && (
            <Text size="sm">
              {employment.position}, {employment.organizationName}. Запись останется в карточке серой строкой.
            </Text>
          )}
          <TextInput label="Дата окончания" type="date" required {...form.getInputProps('endDate')} />
        </>
      )}
    </ModalForm>
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
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Новый сотрудник"
      size="xl"
      initialValues={() => ({ ...personFields(null), employment: employmentFields(null, defaultOrgId) })}
      submit={({ employment, ...person }) =>
        createPerson({ ...personBody(person), employment: employmentBody(employment) })
      }
      onSuccess={(card) => {
        qc.setQueryData(keys.people.detail(card.id), card);
        void qc.invalidateQueries({ queryKey: keys.staff.all });
        void qc.invalidateQueries({ queryKey: keys.organizations.all });
        navigate(`/people/${card.id}`);
      }}
      submitLabel="Добавить"
      errorExtra={(error) => {
        const duplicate =
          error instanceof ApiError && error.status === 409
            ? ((error.body as { error?: { personId?: string } })?.error?.personId ?? null)
            : null;
        return (
          duplicate && (
            <Button variant="light" onClick={() => navigate(`/people/${duplicate}`)} w="fit-content">
              Открыть карточку уже внесённого сотрудника
            </Button>
          )
        );
      }}
    >
      {(form) => (
        <>
          <PersonFieldset input={(k, opts) => form.getInputProps(k, opts)} snilsMasked={false} />
          <Divider label="Место работы" labelPosition="left" />
          <EmploymentFieldset
            input={(k, opts) => form.getInputProps(`employment.${k}`, opts)}
            fixedOrg={false}
          />
        </>
      )}
    </ModalForm>
  );
}

// ---------- invitation ----------

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
  // The roles the server lets the caller hand out (`/api/auth/me`).
  const invitable = me.capabilities.directory.invitableRoles;
  const roles: Role[] = invitable.length > 0 ? invitable : ['teacher'];
  const invited = useRef(false);
  // The card learns about the new account only when the dialog closes: refreshing it earlier
  // would hide the link before the user has copied it.
  const close = () => {
    if (invited.current) void qc.invalidateQueries({ queryKey: keys.people.detail(person.id) });
    invited.current = false;
    onClose();
  };
  return (
    <ModalForm
      opened={opened}
      onClose={close}
      title="Пригласить в систему"
      initialValues={() => ({ role: 'teacher' as Role, email: person.email ?? '' })}
      submit={(v) => invitePerson({ personId: person.id, role: v.role, email: v.email.trim() })}
      onSuccess={() => {
        invited.current = true;
      }}
      done={(link, done) => (
        <Stack>
          <CopyLink invitation={link} title={`Приглашение для ${person.fullName} создано`} />
          <Button onClick={done} w="fit-content">
            Готово
          </Button>
        </Stack>
      )}
      submitLabel="Создать приглашение"
      errorTitle="Приглашение не создано"
    >
      {(form) => (
        <>
          <Text size="sm">
            Для сотрудника будет создана учётная запись. Вы получите ссылку, по которой он задаст пароль.
          </Text>
          <NativeSelect
            label="Роль"
            data={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            {...form.getInputProps('role')}
          />
          <TextInput
            label="Электронная почта (будет логином)"
            type="email"
            required
            {...form.getInputProps('email')}
          />
          {form.values.role !== 'teacher' && form.values.role !== 'curator' && (
            <Alert color="yellow" variant="light">
              {ROLE_LABELS[form.values.role]} видит сведения о сотрудниках в своей области доступа. Проверьте,
              что роль выбрана верно.
            </Alert>
          )}
        </>
      )}
    </ModalForm>
  );
}
