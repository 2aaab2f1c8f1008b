import { can as canInDirectory } from '../directory/directory.policy.ts';
import type { Actor } from '../platform/auth/actor.ts';

/**
 * What the header's search looks through, read from the contexts' own policies (no role list
 * here): people where the caller sees the registry's lists, organizations where they see a
 * territory's or a school's organizations, programs for everyone (the catalog is open to every
 * signed-in user). Which rows are found is the same SQL scope as the lists and cards
 * (`personScope`, `orgScope`), so a search never shows what the pages would hide.
 */
export interface SearchParts {
  people: boolean;
  organizations: boolean;
  programs: boolean;
}

export function searchParts(actor: Actor): SearchParts {
  return {
    people: canInDirectory(actor, 'view', 'registry'),
    organizations: canInDirectory(actor, 'view', 'organizations'),
    programs: true,
  };
}

/** The search's flags for `/api/auth/me`: the header shows the box and says what it finds. */
export function searchCapabilities(actor: Actor): SearchParts {
  return searchParts(actor);
}
