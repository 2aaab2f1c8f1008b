import { Button, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useCheckInCode } from '../../api/contests.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';

/**
 * The registered person's check-in QR code: the organizer scans it with a phone and marks the
 * attendance on the page it opens. The SVG is drawn by the server from the platform's own URL.
 */
export function CheckInQrButton({
  registrationId,
  eventTitle,
}: {
  registrationId: string;
  eventTitle: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="compact-sm" variant="light" onClick={() => setOpen(true)}>
        QR-код для отметки
      </Button>
      {open && (
        <Modal
          opened
          onClose={() => setOpen(false)}
          title="QR-код регистрации"
          closeButtonProps={{ 'aria-label': 'Закрыть' }}
        >
          <CheckInQr registrationId={registrationId} eventTitle={eventTitle} />
        </Modal>
      )}
    </>
  );
}

export function CheckInQr({ registrationId, eventTitle }: { registrationId: string; eventTitle: string }) {
  const code = useCheckInCode(registrationId);
  if (code.error) return <ErrorAlert error={code.error} title="QR-код недоступен" />;
  if (!code.data) return <LoadingRows rows={3} label="Загрузка QR-кода" />;
  return (
    <Stack gap="xs" align="center">
      <div
        data-testid="check-in-qr"
        role="img"
        aria-label={`QR-код регистрации: ${eventTitle}`}
        style={{ width: 240, maxWidth: '100%' }}
        // The server's own SVG of the platform's URL (qrcode's output: paths only, no scripts).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted SVG drawn by our server
        dangerouslySetInnerHTML={{ __html: code.data.svg }}
      />
      <Text size="sm" ta="center">
        Покажите код организатору на входе: он отметит ваше присутствие, отсканировав его телефоном.
      </Text>
    </Stack>
  );
}
