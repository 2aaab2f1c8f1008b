import { Text } from '@mantine/core';

/**
 * A code (of a competency, an organization) shown as a secondary mark beside a name: small and
 * dimmed, marked `data-code` so the screen-language check knows it is an identifier, not a word.
 */
export function CodeMark({ code, ml, mr }: { code: string; ml?: number; mr?: number }) {
  return (
    <Text span size="xs" c="dimmed" ml={ml} mr={mr} data-code style={{ whiteSpace: 'nowrap' }}>
      {code}
    </Text>
  );
}
