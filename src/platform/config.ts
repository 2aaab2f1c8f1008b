import path from 'node:path';
import { isTimeZone, platformTimeZone } from './time/today.ts';

/** Everything the process reads from its environment, in one place. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Load the demo municipality into an empty database on start. */
  demo: boolean;
  /** Trust X-Forwarded-For from this proxy (address or CIDR); off by default. */
  trustProxy: string | boolean;
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  maxUploadBytes: number;
  logLevel: string;
  /** The municipality's time zone for «today» (MARSHRUT_TIME_ZONE; read by platform/time/today.ts). */
  timeZone: string;
  /** MARSHRUT_JOBS: `inline` runs background jobs in the server, `off` leaves them to `marshrut worker`. */
  jobs: 'inline' | 'off';
  /** MARSHRUT_SMTP_URL: where notifications are mailed; without it letters stay in the outbox. */
  smtpUrl: string | undefined;
  /** MARSHRUT_MAIL_FROM: the letters' sender. */
  mailFrom: string | undefined;
  /** MARSHRUT_PUBLIC_URL: the address the web app is served at, for links in letters. */
  publicUrl: string | undefined;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const trust = env.MARSHRUT_TRUST_PROXY;
  const timeZone = platformTimeZone(env);
  if (!isTimeZone(timeZone))
    throw new Error(
      `MARSHRUT_TIME_ZONE: часовой пояс «${timeZone}» неизвестен; укажите, например, Asia/Irkutsk.`,
    );
  return {
    port: intEnv(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.MARSHRUT_DATA_DIR ?? './data'),
    adminEmail: env.MARSHRUT_ADMIN_EMAIL || undefined,
    adminPassword: env.MARSHRUT_ADMIN_PASSWORD || undefined,
    demo: env.MARSHRUT_DEMO !== '0',
    trustProxy: trust ? (trust === 'true' ? true : trust) : false,
    secureCookies: env.MARSHRUT_SECURE_COOKIES === '1',
    sessionIdleMinutes: intEnv(env, 'MARSHRUT_SESSION_IDLE_MINUTES', 120),
    sessionAbsoluteHours: intEnv(env, 'MARSHRUT_SESSION_ABSOLUTE_HOURS', 12),
    maxUploadBytes: intEnv(env, 'MARSHRUT_MAX_UPLOAD_BYTES', 20 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    timeZone,
    jobs: jobsMode(env.MARSHRUT_JOBS),
    smtpUrl: env.MARSHRUT_SMTP_URL || undefined,
    mailFrom: env.MARSHRUT_MAIL_FROM || undefined,
    publicUrl: env.MARSHRUT_PUBLIC_URL || undefined,
  };
}

function jobsMode(raw: string | undefined): 'inline' | 'off' {
  if (raw === undefined || raw === '' || raw === 'inline') return 'inline';
  if (raw === 'off') return 'off';
  throw new Error(
    `MARSHRUT_JOBS: «${raw}» — укажите inline (задания выполняет сервер) или off (их выполняет marshrut worker).`,
  );
}
