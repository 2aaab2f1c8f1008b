import { parseSource, SourceArgsError } from '../prefill/prefill.sources.ts';

/**
 * Russian words for an item's `prefillSource` (`code` or `code|arg|arg`), for the template page:
 * where the platform takes the figure from — the prefill registry's own section and label, so
 * the template page and the card say the same. A code the registry does not know (a copy edited
 * by hand) is shown as «данные платформы».
 */
export function prefillLabel(code: string | null): string | null {
  if (!code) return null;
  try {
    const { def, args } = parseSource(code);
    return `${def.section}: ${def.label(args)}`;
  } catch (e) {
    if (e instanceof SourceArgsError) return 'данные платформы';
    throw e;
  }
}
