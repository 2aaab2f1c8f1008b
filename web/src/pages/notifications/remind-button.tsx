import { Button, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { remindCampaign } from '../../api/notifications.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { plural } from '../../lib/words.ts';

/**
 * «Напомнить» on an open campaign: its participants who have not started get a notification (and a
 * letter, as they chose); each at most once a day, so a second click the same day tells no one twice.
 */
export function RemindButton({ campaignId }: { campaignId: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ reminded: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function remind() {
    setBusy(true);
    setError(null);
    try {
      setResult(await remindCampaign(campaignId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const n = result?.reminded ?? 0;
  return (
    <Popover
      opened={result !== null || error !== null}
      onChange={(o) => {
        if (!o) {
          setResult(null);
          setError(null);
        }
      }}
      position="bottom-end"
      width={320}
      withArrow
    >
      <Popover.Target>
        <Button variant="light" onClick={remind} loading={busy}>
          Напомнить не начавшим
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="status">
          {error !== null && <ErrorAlert error={error} title="Напоминание не отправлено" />}
          {result &&
            (n > 0 ? (
              <Text size="sm">
                Напоминание отправлено {n} {plural(n, 'участнику', 'участникам', 'участникам')}, которые ещё
                не начали диагностику.
              </Text>
            ) : (
              <Text size="sm">
                Напоминать некому: все участники уже начали диагностику или получили напоминание сегодня.
              </Text>
            ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
