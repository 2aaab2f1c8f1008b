/**
 * Today's date where the platform's people are: in the municipality's time zone, not UTC — in
 * Irkutsk (UTC+8) a UTC date is still yesterday until 08:00. One deployment serves one region, so
 * the zone is the deployment's: MARSHRUT_TIME_ZONE (an IANA name), Asia/Irkutsk by default.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Irkutsk';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the name is a time zone this Node.js knows. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The deployment's time zone (MARSHRUT_TIME_ZONE, checked by loadConfig at start). */
export function platformTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  return env.MARSHRUT_TIME_ZONE || DEFAULT_TIME_ZONE;
}

/** The date of `at` (now by default) in the time zone, as 'YYYY-MM-DD'. */
export function today(at: Date = new Date(), timeZone: string = platformTimeZone()): string {
  return formatter(timeZone).format(at);
}

/** The calendar day `days` after (or before) an ISO date: '2026-12-31' + 1 → '2027-01-01'. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
