import type { CampaignStatus, DeficitLevel, InstrumentKind, SittingStatus } from '../../api/assessment.ts';

export const CAMPAIGN_STATUS: Record<CampaignStatus, { label: string; color: string }> = {
  draft: { label: 'черновик', color: 'gray' },
  open: { label: 'идёт', color: 'blue' },
  closed: { label: 'завершена', color: 'teal' },
};

export const INSTRUMENT_KINDS: Record<InstrumentKind, string> = {
  test: 'тест',
  self_assessment: 'анкета самооценки',
  burnout: 'опросник выгорания',
};

export const SITTING_STATUS: Record<SittingStatus, { label: string; color: string }> = {
  not_started: { label: 'не начата', color: 'gray' },
  started: { label: 'начата', color: 'orange' },
  submitted: { label: 'отправлена', color: 'teal' },
};

export const LEVELS: Record<DeficitLevel, { label: string; color: string }> = {
  deficit: { label: 'дефицит', color: 'red' },
  partial: { label: 'частично сформирована', color: 'orange' },
  none: { label: 'сформирована', color: 'teal' },
};

export const OWNER_LEVELS: Record<string, string> = {
  system: 'федеральный',
  region: 'регион',
  municipality: 'муниципалитет',
  organization: 'организация',
};

/** 'YYYY-MM-DD' of a local date input → the start of that day (local time) as ISO. */
export function dayStartIso(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** 'YYYY-MM-DD' → the end of that day (local time) as ISO: a window «по 30.11» includes the 30th. */
export function dayEndIso(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString();
}

export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The local calendar day of a timestamp (a window opening at local midnight is that day, not the UTC eve). */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('ru-RU');
}
