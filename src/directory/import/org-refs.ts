import { normName } from '../../platform/import/cells.ts';

/** An organization a row may point to, with whether the caller may change its registry. */
export interface OrgCandidate {
  id: string;
  code: string;
  full_name: string;
  short_name: string;
  region_id: string;
  writable: boolean;
}

export type OrgResolution = { ok: true; org: OrgCandidate } | { ok: false; message: string };

export const OUT_OF_SCOPE = 'Организация вне вашей области доступа';

const codeKey = (s: string) => s.trim().toLowerCase();

/** What to look up for a set of «Организация» cells: each may be a code or a full name. */
export function orgRefKeys(refs: Iterable<string>): { codes: string[]; names: string[] } {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const ref of refs) {
    codes.add(codeKey(ref));
    names.add(normName(ref));
  }
  return { codes: [...codes], names: [...names] };
}

function pick(ref: string, found: OrgCandidate[]): OrgResolution {
  const writable = found.filter((o) => o.writable);
  if (writable.length === 1) return { ok: true, org: writable[0]! };
  if (writable.length > 1) {
    return {
      ok: false,
      message: `Организация «${ref}» неоднозначна: подходят ${writable.length} организации (коды ${writable
        .map((o) => o.code)
        .join(', ')}); укажите код`,
    };
  }
  return { ok: false, message: `${OUT_OF_SCOPE}: «${ref}»` };
}

/** By code first, then by full name (case, ё and the kind of quotes do not matter). */
export function resolveOrgRef(ref: string, candidates: readonly OrgCandidate[]): OrgResolution {
  const byCode = candidates.filter((o) => codeKey(o.code) === codeKey(ref));
  if (byCode.length) return pick(ref, byCode);
  const wanted = normName(ref);
  const byName = candidates.filter((o) => normName(o.full_name) === wanted);
  if (byName.length) return pick(ref, byName);
  return {
    ok: false,
    message: `Организация «${ref}» не найдена: укажите код или полное наименование, как в реестре`,
  };
}

/** Resolves each distinct reference once. */
export function makeOrgResolver(candidates: readonly OrgCandidate[]): (ref: string) => OrgResolution {
  const memo = new Map<string, OrgResolution>();
  return (ref) => {
    const key = ref.trim();
    let r = memo.get(key);
    if (!r) {
      r = resolveOrgRef(key, candidates);
      memo.set(key, r);
    }
    return r;
  };
}
