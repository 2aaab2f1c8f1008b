import { formatDate } from '../../lib/words.ts';

/** Where a screen's indicator figures come from, as the API says it (dashboards, monitorings, route indicators). */
export interface FiguresSource {
  kind: 'monitoring' | 'live';
  name: string | null;
  asOf: string;
}

/**
 * «закрытый мониторинг «…» на 31.08.2026» or «текущий расчёт на 02.12.2026»: every screen that
 * shows indicator figures names their one source in these words.
 */
export function figuresSourceText(src: FiguresSource | null | undefined): string {
  if (!src) return '';
  return src.kind === 'monitoring'
    ? `закрытый мониторинг «${src.name ?? ''}» на ${formatDate(src.asOf)}`
    : `текущий расчёт на ${formatDate(src.asOf)}`;
}
