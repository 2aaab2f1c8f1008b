import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { listTerritories } from './territories.repository.ts';
import {
  ZMunicipality,
  ZMunicipalityBatch,
  ZMunicipalityBatchResult,
  ZMunicipalityCreate,
  ZMunicipalityPatch,
  ZRegion,
  ZRegionCreate,
  ZRegionPatch,
  ZSetupStatus,
  ZTerritories,
  ZTerritorySummary,
} from './territories.schemas.ts';
import {
  createMunicipality,
  createRegion,
  editMunicipality,
  editRegion,
  ensureMunicipalities,
  listTerritorySummary,
  setupStatus,
} from './territories.service.ts';

const tags = ['directory'];
const ZId = z.object({ id: z.uuid() });

export function registerTerritoryRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/territories',
    {
      schema: {
        tags,
        summary: 'Регионы и муниципалитеты в пределах области доступа',
        response: { 200: ZTerritories },
      },
    },
    async (request) => listTerritories(db, actorOf(request)),
  );

  app.get(
    '/api/territories/summary',
    {
      schema: {
        tags,
        summary:
          'Регионы и муниципалитеты с числом организаций, сотрудников и методистов (администратор, региональный оператор)',
        response: { 200: ZTerritorySummary },
      },
    },
    async (request) => listTerritorySummary({ db }, actorOf(request)),
  );

  app.post(
    '/api/regions',
    {
      schema: {
        tags,
        summary: 'Создать регион (администратор); без кода — код субъекта по названию',
        body: ZRegionCreate,
        response: { 201: ZRegion },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRegion({ db }, actorOf(request), request.body)),
  );

  app.patch(
    '/api/regions/:id',
    {
      schema: {
        tags,
        summary: 'Переименовать регион или изменить его код (администратор)',
        params: ZId,
        body: ZRegionPatch,
        response: { 200: ZRegion },
      },
    },
    async (request) => editRegion({ db }, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/municipalities',
    {
      schema: {
        tags,
        summary: 'Создать муниципалитет (администратор, региональный оператор своего региона)',
        body: ZMunicipalityCreate,
        response: { 201: ZMunicipality },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMunicipality({ db }, actorOf(request), request.body)),
  );

  app.post(
    '/api/municipalities/batch',
    {
      schema: {
        tags,
        summary:
          'Добавить несколько муниципалитетов региона по названиям; уже имеющиеся не дублируются (администратор, региональный оператор)',
        body: ZMunicipalityBatch,
        response: { 200: ZMunicipalityBatchResult },
      },
    },
    async (request) => ensureMunicipalities({ db }, actorOf(request), request.body),
  );

  app.patch(
    '/api/municipalities/:id',
    {
      schema: {
        tags,
        summary: 'Переименовать муниципалитет или изменить его код (администратор, региональный оператор)',
        params: ZId,
        body: ZMunicipalityPatch,
        response: { 200: ZMunicipality },
      },
    },
    async (request) => editMunicipality({ db }, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/setup',
    {
      schema: {
        tags,
        summary:
          'Начало работы: что уже есть (регион, муниципалитеты, методист, организации, кадры, вакансии, штатное расписание, приглашения)',
        response: { 200: ZSetupStatus },
      },
    },
    async (request) => setupStatus({ db }, actorOf(request)),
  );
}
