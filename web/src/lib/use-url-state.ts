import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

export type UrlValue = string | boolean | number | null | undefined;

/**
 * Filters kept in the URL query, so that a filtered view can be bookmarked or sent to a
 * colleague. Empty values (and `false`) leave the query; changing a filter returns to the first
 * page unless `keepPage` is given.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((key: string) => params.get(key) ?? '', [params]);
  const flag = useCallback((key: string) => params.get(key) === 'true', [params]);
  const set = useCallback(
    (changes: Record<string, UrlValue>, opts: { keepPage?: boolean } = {}) => {
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
  /** The values of the given keys that are set, for a query and its key. */
  const pick = useCallback(
    (keys: readonly string[]) => {
      const out: Record<string, string> = {};
      for (const k of keys) {
        const v = params.get(k);
        if (v) out[k] = v;
      }
      return out;
    },
    [params],
  );
  return { params, get, flag, set, clear, pick };
}

export type UrlState = ReturnType<typeof useUrlState>;

/**
 * A text box bound to one URL key: it types freely, the URL (and so the request) follows after
 * a pause, and a change of the URL from elsewhere (reset, back) comes back into the box.
 * `accept` turns the typed text into the value to keep ('' drops it), e.g. only a whole UUID.
 */
export function useUrlText(
  state: UrlState,
  key: string,
  {
    delay = 400,
    accept = (text: string) => text,
  }: { delay?: number; accept?: (text: string) => string } = {},
): [string, (text: string) => void] {
  const { get, set } = state;
  const inUrl = get(key);
  const [text, setText] = useState(inUrl);
  const [debounced] = useDebouncedValue(text, delay);
  const kept = useRef(inUrl);
  const acceptRef = useRef(accept);
  acceptRef.current = accept;

  useEffect(() => {
    const value = acceptRef.current(debounced.trim());
    if (value !== kept.current) {
      kept.current = value;
      set({ [key]: value });
    }
  }, [debounced, key, set]);

  useEffect(() => {
    if (inUrl !== kept.current) {
      kept.current = inUrl;
      setText(inUrl);
    }
  }, [inUrl]);

  return [text, setText];
}
