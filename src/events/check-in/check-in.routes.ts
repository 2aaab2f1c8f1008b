import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZRegistration } from '../events.schemas.ts';
import { checkInByToken, myCheckInCode } from './check-in.service.ts';

const tags = ['events'];

export const ZCheckInCode = z.object({
  registrationId: z.string(),
  path: z.string(),
  url: z.string(),
  svg: z.string(),
});
export const ZCheckInTarget = z.object({
  registration: ZRegistration,
  eventTitle: z.string(),
  eventStartsOn: z.string().nullable(),
});

/** Check-in by a registration's QR code. */
export function registerCheckInRoutes(app: App, { db, config }: AppDeps): void {
  app.get(
    '/api/event-registrations/:id/check-in-code',
    {
      schema: {
        tags,
        summary: 'QR-код своей регистрации для отметки присутствия (SVG)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZCheckInCode },
      },
    },
    async (request) => {
      const base = config.publicUrl ?? `${request.protocol}://${request.host}`;
      return myCheckInCode(db, actorOf(request), request.params.id, base);
    },
  );

  app.get(
    '/api/check-in/r/:token',
    {
      schema: {
        tags,
        summary: 'Регистрация по отсканированному QR-коду (организатор мероприятия)',
        params: z.object({ token: z.string().min(1).max(100) }),
        response: { 200: ZCheckInTarget },
      },
    },
    async (request) => checkInByToken(db, actorOf(request), request.params.token),
  );
}
