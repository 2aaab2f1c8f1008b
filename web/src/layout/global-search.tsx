import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SEARCH_MIN, type SearchHit, type SearchResults, useSearch } from '../api/search.ts';
import { useMe } from '../auth/session.tsx';

function SearchIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" strokeLinecap="round" />
    </svg>
  );
}

const GROUPS: { key: 'people' | 'organizations' | 'programs'; label: string }[] = [
  { key: 'people', label: 'Люди' },
  { key: 'organizations', label: 'Организации' },
  { key: 'programs', label: 'Программы' },
];

/** What the box finds for this role, for its placeholder: «Поиск: люди, организации, программы». */
function placeholderFor(can: Record<'people' | 'organizations' | 'programs', boolean>): string {
  const what = GROUPS.filter((g) => can[g.key]).map((g) => g.label.toLowerCase());
  return `Поиск: ${what.join(', ')}`;
}

/**
 * The header's search box: as one types (after a pause) it shows the people, organizations and
 * programs the caller may see, grouped by kind; choosing one opens its page. The server cuts
 * every group to the caller's scope; the flags only say which groups to expect.
 */
export function GlobalSearch() {
  const me = useMe();
  const navigate = useNavigate();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value, 300);
  const search = useSearch(debounced);
  const ready = debounced.trim().length >= SEARCH_MIN;
  const results: SearchResults | undefined = ready ? search.data : undefined;

  const groups = GROUPS.flatMap((g) => {
    const group = results?.[g.key];
    return group && group.items.length > 0 ? [{ ...g, items: group.items, total: group.total }] : [];
  });

  function choose(link: string) {
    combobox.closeDropdown();
    setValue('');
    navigate(link);
  }

  return (
    <Combobox store={combobox} onOptionSubmit={choose} width={420} position="bottom-start" shadow="md">
      <Combobox.Target>
        <TextInput
          size="xs"
          w={{ base: 180, md: 320 }}
          aria-label="Найти в системе"
          placeholder={placeholderFor(me.capabilities.search)}
          leftSection={<SearchIcon />}
          rightSection={search.isFetching && ready ? <Loader size={14} /> : null}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setValue('');
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={value.trim().length < SEARCH_MIN} aria-label="Найдено">
        <Combobox.Options mah={480} style={{ overflowY: 'auto' }}>
          {groups.map((g) => (
            <Combobox.Group key={g.key} label={groupLabel(g.label, g.items.length, g.total)}>
              {g.items.map((hit: SearchHit) => (
                <Combobox.Option key={hit.id} value={hit.link}>
                  <Text size="sm" lh={1.3}>
                    {hit.title}
                  </Text>
                  {hit.detail && (
                    <Text size="xs" c="dimmed" lh={1.3}>
                      {hit.detail}
                    </Text>
                  )}
                </Combobox.Option>
              ))}
            </Combobox.Group>
          ))}
          {results && groups.length === 0 && <Combobox.Empty>Ничего не найдено</Combobox.Empty>}
          {!results && (
            <Combobox.Empty>
              <Group gap="xs" justify="center">
                <Loader size={14} /> Ищем…
              </Group>
            </Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

function groupLabel(label: string, shown: number, total: number): string {
  if (total <= shown) return label;
  return `${label}: первые ${shown} из ${total} — уточните запрос`;
}
