import { NativeSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ORG_SELECT_LIMIT, orgOptions, useOrganizations } from '../api/queries.ts';
import type { OrgOption } from '../api/types.ts';
import { plural } from '../lib/words.ts';

/** How many matches a search shows at a time. */
const SEARCH_LIMIT = 50;
/** The list's last, unselectable line about what the search left out. */
const MORE = '__more__';

export interface OrganizationSelectProps {
  label?: string;
  /** The empty choice's label («Все организации», «Выберите организацию»). */
  allLabel?: string;
  municipalityId?: string | null | undefined;
  value?: string;
  /** The chosen id ('' for the empty choice) and the organization it names. */
  onChange: (value: string, org?: OrgOption) => void;
  onFocus?: () => void;
  onBlur?: () => void;
  required?: boolean;
  disabled?: boolean;
  error?: React.ReactNode;
  w?: number;
  miw?: number;
}

/**
 * An organization picker that stays light at any scale: a plain list when the scope holds up to
 * 200 organizations (a municipality, a school), a search on the server above that (a region's
 * 2 000 are never sent to the browser whole).
 */
export function OrganizationSelect({
  label = 'Организация',
  allLabel = 'Все организации',
  municipalityId,
  value = '',
  onChange,
  required,
  disabled,
  error,
  w,
  miw,
  onFocus,
  onBlur,
}: OrganizationSelectProps) {
  // Only what a select understands (a form's input props carry more).
  const field = { required, disabled, error, w, miw, onFocus, onBlur };
  const all = useOrganizations({ municipalityId });
  const total = all.data?.total ?? 0;
  const searching = total > ORG_SELECT_LIMIT;
  if (!searching) {
    return (
      <NativeSelect
        label={label}
        data={orgOptions(all.data?.items, allLabel)}
        value={value}
        onChange={(e) => {
          const id = e.currentTarget.value;
          onChange(
            id,
            all.data?.items.find((o) => o.id === id),
          );
        }}
        {...field}
      />
    );
  }
  return (
    <OrganizationSearch
      label={label}
      allLabel={allLabel}
      municipalityId={municipalityId}
      value={value}
      onChange={onChange}
      total={total}
      {...field}
    />
  );
}

function OrganizationSearch({
  label,
  allLabel,
  municipalityId,
  value = '',
  onChange,
  total,
  ...field
}: OrganizationSelectProps & { total: number; label: string; allLabel: string }) {
  const [search, setSearch] = useState('');
  const [typed] = useDebouncedValue(search, 250);
  // The select writes the chosen name into its search box: that is a choice, not a search.
  const chosen = useOrganizations({ ids: value ? [value] : [], limit: 1 }, { enabled: Boolean(value) });
  const chosenLabel = value ? chosen.data?.items.find((o) => o.id === value)?.shortName : allLabel;
  const q = typed === chosenLabel ? '' : typed;
  const found = useOrganizations({
    municipalityId,
    q,
    ids: value ? [value] : [],
    limit: SEARCH_LIMIT,
  });
  const items = found.data?.items ?? [];
  const shown = found.data?.total ?? 0;
  // What the search left out is said in the list itself, as its last line (not selectable).
  const more = shown - Math.min(shown, SEARCH_LIMIT);
  const data = [
    { value: '', label: allLabel },
    ...items.map((o) => ({ value: o.id, label: o.shortName })),
    ...(more > 0
      ? [
          {
            value: MORE,
            disabled: true,
            label: q
              ? `…и ещё ${more}: уточните название`
              : `…и ещё ${more} из ${total} ${plural(total, 'организации', 'организаций', 'организаций')}: начните вводить название или код`,
          },
        ]
      : []),
  ];
  return (
    <Select
      label={label}
      searchable
      data={data}
      value={value}
      onChange={(v) =>
        onChange(
          v ?? '',
          items.find((o) => o.id === v),
        )
      }
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered by name or code; the select shows its answer as it is.
      filter={({ options }) => options}
      nothingFoundMessage={found.isFetching ? 'Поиск…' : 'Ничего не найдено'}
      allowDeselect={false}
      {...field}
    />
  );
}
