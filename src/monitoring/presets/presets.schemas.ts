import { z } from 'zod';

/** Presets of indicator sets: what the routes take and what they answer. */

export const ZPreset = z.object({
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

export const ZPresetList = z.object({ items: z.array(ZPreset) });
export const ZPresetCode = z.object({ code: z.string().trim().min(1).max(50) });
export const ZPresetLoad = z
  .object({ ownerLevel: z.enum(['municipality', 'region']).optional() })
  .default({});
export const ZPresetLoaded = z.object({ setId: z.string() });
