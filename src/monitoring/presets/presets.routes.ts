import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZPresetCode, ZPresetList, ZPresetLoad, ZPresetLoaded } from './presets.schemas.ts';
import { listPresets, loadPreset } from './presets.service.ts';

const tags = ['monitoring'];

export function registerPresetRoutes(app: App, { db }: AppDeps): void {
  const r = app;
  r.get(
    '/api/indicator-presets',
    {
      schema: {
        tags,
        summary:
          'Пресеты показателей по документам (000, 001, 002, 003): сколько показателей вычисляется, сколько вводится вручную',
        response: { 200: ZPresetList },
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
        params: ZPresetCode,
        body: ZPresetLoad,
        response: { 201: ZPresetLoaded },
      },
    },
    async (request, reply) => {
      const setId = await loadPreset(db, actorOf(request), request.params.code, request.body?.ownerLevel);
      return reply.status(201).send({ setId });
    },
  );
}
