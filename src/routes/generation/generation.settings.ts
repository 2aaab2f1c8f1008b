import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { readSetting } from '../../platform/settings/settings.repository.ts';
import { DEFAULT_GENERATION_SETTINGS, type GenerationSettings } from './planner.ts';

export const GENERATION_SETTINGS_KEY = 'routes.generation';

export const ZGenerationSettings = z.object({
  /** Ceiling of planned hours per half-year. */
  hoursPerHalfYear: z.number().int().min(8).max(1000),
  horizonMonths: z.number().int().min(1).max(36),
  selfEducationHours: z.number().int().min(1).max(200),
  mentoringHours: z.number().int().min(1).max(200),
  /** Hours of one event of a plan in a route (events carry no hours); absent in older settings — 4. */
  eventHours: z.number().int().min(1).max(100).default(4),
  includePartial: z.boolean(),
  /** Live routes per curator at most (own school's curators first, then the municipality's methodists). */
  routesPerCurator: z.number().int().min(1).max(500),
}) satisfies z.ZodType<GenerationSettings>;

export async function loadGenerationSettings(db: Db): Promise<GenerationSettings> {
  const stored = await readSetting(db, GENERATION_SETTINGS_KEY);
  const parsed = ZGenerationSettings.safeParse({
    ...DEFAULT_GENERATION_SETTINGS,
    ...(stored as object | undefined),
  });
  return parsed.success ? parsed.data : DEFAULT_GENERATION_SETTINGS;
}
