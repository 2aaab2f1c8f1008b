import { Alert, Badge, Center, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { ApiError } from '../../api/api.ts';
import { useCertificateVerification } from '../../api/events.ts';
import { ruDay } from './events-words.ts';

/**
 * The public check of a certificate (no login): what the certificate says, as stored at issue,
 * and whether it is valid or was revoked (with the reason).
 */
export default function VerifyPage() {
  const { code = '' } = useParams();
  const v = useCertificateVerification(code);
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={640}>
        <Stack gap="md">
          <Title order={2} size="h3">
            Проверка сертификата
          </Title>
          {v.isPending && <Loader aria-label="Проверка" />}
          {v.error && (
            <Alert color="red" title="Сертификат не найден" role="alert">
              {v.error instanceof ApiError && v.error.status === 404
                ? 'Проверьте код на документе: он указан под заголовком «Проверить подлинность».'
                : 'Не удалось проверить сертификат. Повторите попытку позже.'}
            </Alert>
          )}
          {v.data && (
            <>
              <Badge
                size="xl"
                variant="light"
                color={v.data.status === 'valid' ? 'green' : 'red'}
                data-testid="certificate-status"
              >
                {v.data.kindName}: {v.data.statusName}
              </Badge>
              {v.data.status === 'revoked' && (
                <Alert color="red" title="Сертификат отозван">
                  {v.data.revokedReason}
                  {v.data.revokedAt ? ` (${ruDay(v.data.revokedAt)})` : ''}
                </Alert>
              )}
              <Table variant="vertical" fz="sm" aria-label="Сведения сертификата">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={200}>Номер</Table.Th>
                    <Table.Td>{v.data.serial}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Кому выдан</Table.Th>
                    <Table.Td>{v.data.content.personName}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Мероприятие</Table.Th>
                    <Table.Td>
                      {v.data.content.eventTitle} ({v.data.content.eventKindName})
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Дата проведения</Table.Th>
                    <Table.Td>{v.data.content.eventDate}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Организатор</Table.Th>
                    <Table.Td>{v.data.content.organizerName}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Роль</Table.Th>
                    <Table.Td>{v.data.content.roleName}</Table.Td>
                  </Table.Tr>
                  {v.data.content.topic && (
                    <Table.Tr>
                      <Table.Th>Тема выступления</Table.Th>
                      <Table.Td>{v.data.content.topic}</Table.Td>
                    </Table.Tr>
                  )}
                  {v.data.content.nomination && (
                    <Table.Tr>
                      <Table.Th>Номинация</Table.Th>
                      <Table.Td>{v.data.content.nomination}</Table.Td>
                    </Table.Tr>
                  )}
                  <Table.Tr>
                    <Table.Th>Дата выдачи</Table.Th>
                    <Table.Td>{ruDay(v.data.issuedAt)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Text size="xs" c="dimmed">
                Сведения показаны так, как они записаны в платформе «Маршрут» при выдаче сертификата.
              </Text>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
