import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; issues?: { path: string; message: string }[] };
}

/** One place maps every error to HTTP: typed AppErrors, schema validation, and the unexpected. */
export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const requestId = String(request.id);
  const send = (status: number, body: ErrorBody['error'] & Record<string, unknown>) =>
    void reply.status(status).send({ error: { ...body, requestId } });

  if (err instanceof AppError) {
    const { issues, ...rest } = err.details ?? {};
    if (err.status >= 500) request.log.error({ err }, err.message);
    send(err.status, {
      code: err.code,
      message: err.message,
      ...(issues ? { issues } : {}),
      ...rest,
      requestId,
    });
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: v.message ?? 'Недопустимое значение',
    }));
    send(422, { code: 'validation', message: 'Проверьте введённые данные.', issues, requestId });
    return;
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    send(500, { code: 'internal', message: 'Внутренняя ошибка сервера.', requestId });
    return;
  }
  const fe = err as FastifyError;
  if (
    fe.statusCode === 413 ||
    fe.code === 'FST_REQ_FILE_TOO_LARGE' ||
    fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
  ) {
    send(413, { code: 'payload_too_large', message: 'Файл или запрос слишком велик.', requestId });
    return;
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const message =
      fe.statusCode === 404
        ? 'Не найдено.'
        : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Неподдерживаемый формат запроса.'
          : fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'Тело запроса не является корректным JSON.'
            : 'Некорректный запрос.';
    send(fe.statusCode, { code: fe.statusCode === 404 ? 'not_found' : 'bad_request', message, requestId });
    return;
  }
  request.log.error({ err }, 'unhandled error');
  send(500, {
    code: 'internal',
    message: 'Внутренняя ошибка сервера. Сообщите администратору номер запроса.',
    requestId,
  });
}
