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

/**
 * The instant of a wall-clock day and time in the time zone: ('2026-12-10', '15:00',
 * 'Asia/Irkutsk') → 2026-12-10T07:00:00Z. The zone's offset is read at that instant, so a zone
 * with summer time gives the offset of the day itself.
 */
export function instantIn(day: string, time: string, timeZone: string = platformTimeZone()): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(new Date(t))
        .map((p) => [p.type, p.value]),
    );
    const seen = Date.UTC(
      +parts.year!,
      +parts.month! - 1,
      +parts.day!,
      +parts.hour!,
      +parts.minute!,
      +parts.second!,
    );
    return seen - t;
  };
  // Two passes settle the offset at the instant itself (the wall time near a change of offset).
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

/** The day in the platform's zone of a PostgreSQL timestamptz as text («2026-12-03 01:00:00+08»). */
export function dayInZone(timestamptz: string, timeZone: string = platformTimeZone()): string {
  const iso = timestamptz.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`not a timestamp: ${timestamptz}`);
  return today(at, timeZone);
}
