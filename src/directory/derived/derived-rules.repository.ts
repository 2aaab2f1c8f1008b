import type { Db } from '../../platform/db/database.ts';
import { readSetting } from '../../platform/settings/settings.repository.ts';
import {
  DEFAULT_DERIVED_RULES,
  DERIVED_RULES_KEY,
  type DerivedRules,
  ZDerivedRules,
} from './derived-rules.ts';

export async function loadDerivedRules(db: Db): Promise<DerivedRules> {
  const stored = await readSetting(db, DERIVED_RULES_KEY);
  const parsed = ZDerivedRules.safeParse({ ...DEFAULT_DERIVED_RULES, ...(stored as object | undefined) });
  return parsed.success ? parsed.data : DEFAULT_DERIVED_RULES;
}
