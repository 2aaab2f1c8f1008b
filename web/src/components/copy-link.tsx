import { Alert, Button, CopyButton, Group, Text, TextInput } from '@mantine/core';
import type { InvitationLink } from '../api/types.ts';
import { formatDateTime } from '../lib/words.ts';

export function absoluteLink(link: string): string {
  return link.startsWith('/') ? window.location.origin + link : link;
}

/** An invitation or password link to pass on by hand: the system does not send e-mail. */
export function CopyLink({ invitation, title }: { invitation: InvitationLink; title: string }) {
  const url = absoluteLink(invitation.link);
  return (
    <Alert color="teal" title={title}>
      <Text size="sm" mb="xs">
        Передайте ссылку пользователю (почта из системы не отправляется). По ней он задаст пароль. Ссылка
        действует до {formatDateTime(invitation.expiresAt)}.
      </Text>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label="Ссылка"
          value={url}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: 1 }}
        />
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button color={copied ? 'teal' : 'blue'} onClick={copy} variant="light">
              {copied ? 'Скопировано' : 'Копировать'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}
