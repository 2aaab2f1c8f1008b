import { loadDerivedRules } from '../../directory/derived/derived-rules.repository.ts';
import { DERIVED_RULES_KEY, ZDerivedRules } from '../../directory/derived/derived-rules.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { forbidden } from '../errors.ts';
import { type App, type AppDeps, actorOf } from '../http/types.ts';
import { can } from '../platform.policy.ts';
import { writeSetting } from './settings.repository.ts';

export function registerSettingsRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/settings/derived',
    {
      schema: {
        tags: ['platform'],
        summary: 'Правила вычисляемых признаков: молодой специалист, пенсионный возраст, порог нагрузки',
        response: { 200: ZDerivedRules },
      },
    },
    async (request) => {
      actorOf(request);
      return loadDerivedRules(db);
    },
  );

  app.put(
    '/api/settings/derived',
    {
      schema: {
        tags: ['platform'],
        summary: 'Изменить правила вычисляемых признаков (администратор)',
        body: ZDerivedRules,
        response: { 200: ZDerivedRules },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can(actor, 'change', 'settings')) throw forbidden();
      const before = await loadDerivedRules(db);
      await db.transaction(async (tx) => {
        await writeSetting(tx, DERIVED_RULES_KEY, request.body, actor.userId);
        await writeAudit(tx, {
          actor,
          action: 'update',
          entity: 'settings',
          entityId: DERIVED_RULES_KEY,
          before,
          after: request.body,
        });
      });
      return loadDerivedRules(db);
    },
  );
}
