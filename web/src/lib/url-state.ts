import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters kept in the URL query, so that a filtered view can be bookmarked or sent to a
 * colleague. Changing a filter returns to the first page.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((key: string) => params.get(key) ?? '', [params]);
  const flag = useCallback((key: string) => params.get(key) === 'true', [params]);
  const set = useCallback(
    (
      changes: Record<string, string | boolean | number | null | undefined>,
      opts: { keepPage?: boolean } = {},
    ) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === undefined || v === '' || v === false) next.delete(k);
            else next.set(k, String(v));
          }
          if (!opts.keepPage) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { params, get, flag, set, clear };
}
