import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { listPresets, loadPreset } from './presets.service.ts';

const tags = ['monitoring'];

const ZPreset = z.object({
  code: z.string(),
  name: z.string(),
  sourceDocument: z.enum(['000', '001', '002', '003']),
  description: z.string(),
  indicators: z.number(),
  derived: z.number(),
  manual: z.number(),
  /** The set this preset is already loaded as in the caller's territory (then copy it instead). */
  loadedSetId: z.string().nullable(),
});

export function registerPresetRoutes(app: App, { db }: AppDeps): void {
  const r = app;
  r.get(
    '/api/indicator-presets',
    {
      schema: {
        tags,
        summary:
          'Пресеты показателей по документам (000, 001, 002, 003): сколько показателей вычисляется, сколько вводится вручную',
        response: { 200: z.object({ items: z.array(ZPreset) }) },
      },
    },
    async (request) => ({ items: await listPresets(db, actorOf(request)) }),
  );

  r.post(
    '/api/indicator-presets/:code/load',
    {
      schema: {
        tags,
        summary:
          'Загрузить пресет в свою территорию как набор показателей (повторная загрузка — 409, набор копируют)',
        params: z.object({ code: z.string().trim().min(1).max(50) }),
        body: z.object({ ownerLevel: z.enum(['municipality', 'region']).optional() }).default({}),
        response: { 201: z.object({ setId: z.string() }) },
      },
    },
    async (request, reply) => {
      const setId = await loadPreset(db, actorOf(request), request.params.code, request.body?.ownerLevel);
      return reply.status(201).send({ setId });
    },
  );
}
