import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { searchParts } from './search.policy.ts';
import {
  type HitRow,
  queryWords,
  searchOrganizations,
  searchPeople,
  searchPrograms,
} from './search.repository.ts';
import { SEARCH_LIMIT, type TSearchHit, type TSearchQuery, type TSearchResults } from './search.schemas.ts';

function group(rows: HitRow[], link: (id: string) => string) {
  return {
    items: rows.map((r): TSearchHit => ({ id: r.id, title: r.title, detail: r.detail, link: link(r.id) })),
    total: rows[0]?.total ?? 0,
  };
}

/** The header's search: people, organizations and programs the caller may see, a few of each. */
export async function search(db: Db, actor: Actor, query: TSearchQuery): Promise<TSearchResults> {
  const parts = searchParts(actor);
  const words = queryWords(query.q);
  const [people, organizations, programs] = await Promise.all([
    parts.people ? searchPeople(db, actor, words, SEARCH_LIMIT) : null,
    parts.organizations ? searchOrganizations(db, actor, words, SEARCH_LIMIT) : null,
    searchPrograms(db, words, SEARCH_LIMIT),
  ]);
  // Reading personal data is logged (152-ФЗ), as the staff list is: who searched, for what, how many shown.
  if (people && people.length > 0) {
    await writeAudit(db, {
      actor,
      action: 'read',
      entity: 'person_search',
      details: {
        q: query.q,
        returned: people.length,
        total: people[0]!.total,
        people: people.map((p) => p.id),
      },
    });
  }
  return {
    q: query.q,
    people: people && group(people, (id) => `/people/${id}`),
    organizations: organizations && group(organizations, (id) => `/organizations/${id}`),
    programs: group(programs, (id) => `/catalog/programs/${id}`),
  };
}
