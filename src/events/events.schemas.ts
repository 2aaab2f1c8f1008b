import { z } from 'zod';
import { ZTarget } from '../assessment/campaigns/campaigns.schemas.ts';
import { EVENT_KIND_KEYS, EVENT_LEVEL_KEYS, REGISTRATION_ROLE_KEYS } from './events.vocabulary.ts';

const ZDate = z.iso.date();
/** 'HH:MM', 00:00–23:59. */
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время в формате ЧЧ:ММ');
const REG_STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected'] as const;

export { ZTarget };

export const ZPlannedResult = z.object({
  kind: z.enum(['percent_of_group', 'participants', 'protocols']),
  n: z.number().min(0).max(100000),
  group: z.string().trim().max(200).nullable().default(null),
});

export const ZPlan = z.object({
  id: z.string(),
  level: z.enum(['municipal', 'institutional']),
  regionId: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  schoolYear: z.number(),
  schoolYearName: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'approved']),
  statusName: z.string(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  eventCount: z.number(),
  canManage: z.boolean(),
  canApprove: z.boolean(),
});
export type Plan = z.infer<typeof ZPlan>;

export const ZPlanList = z.object({
  items: z.array(ZPlan),
  /** The level of plan the caller may create, or null. */
  canCreate: z.enum(['municipal', 'institutional', 'admin']).nullable(),
});

export const ZPlanCreate = z.object({
  schoolYear: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(3).max(300).optional(),
  /** Only the admin names the territory; the others draft their own. */
  municipalityId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
});

export const ZPlanPatch = z.object({ title: z.string().trim().min(3).max(300) });

export const ZPlanQuery = z.object({
  schoolYear: z.coerce.number().int().optional(),
  status: z.enum(['draft', 'approved']).optional(),
});

/** What registration looks like to the caller: their own registration and whether / why not. */
export const ZRegistrationState = z.object({
  mine: z
    .object({
      id: z.string(),
      status: z.enum(REG_STATUSES),
      statusName: z.string(),
      waitlistPosition: z.number().nullable(),
    })
    .nullable(),
  canRegister: z.boolean(),
  /** Russian: why the caller cannot register; null when they can. */
  reason: z.string().nullable(),
  /** «Мест нет — вы будете в листе ожидания» when full. */
  note: z.string().nullable(),
  canNominate: z.boolean(),
  /** Registrations can be cancelled until the event is over; after it, only attendance is marked. */
  canCancel: z.boolean(),
});

export const ZEvent = z.object({
  id: z.string(),
  planId: z.string(),
  planStatus: z.enum(['draft', 'approved']),
  number: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.enum(EVENT_KIND_KEYS),
  kindName: z.string(),
  level: z.enum(EVENT_LEVEL_KEYS),
  levelName: z.string(),
  organizerOrganizationId: z.string().nullable(),
  organizerName: z.string().nullable(),
  responsiblePersonId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  responsibleText: z.string().nullable(),
  periodText: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** 'HH:MM' in the platform's time zone; null — all day. */
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  target: ZTarget.extend({ orgKinds: z.array(z.string()).optional() }),
  capacity: z.number().nullable(),
  registrationOpensOn: z.string().nullable(),
  registrationClosesOn: z.string().nullable(),
  waitlistCutoffOn: z.string().nullable(),
  requiresApproval: z.boolean(),
  plannedResult: ZPlannedResult.nullable(),
  plannedResultText: z.string().nullable(),
  competencyCodes: z.array(z.string()),
  seatsTaken: z.number(),
  waitlisted: z.number(),
  canManage: z.boolean(),
});
export type EventOut = z.infer<typeof ZEvent>;

export const ZEventList = z.object({ items: z.array(ZEvent), total: z.number() });

export const ZEventCard = ZEvent.extend({
  plan: ZPlan,
  competencies: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  registration: ZRegistrationState,
});

export const ZEventQuery = z.object({
  kind: z.enum(EVENT_KIND_KEYS).optional(),
  level: z.enum(EVENT_LEVEL_KEYS).optional(),
  /** 1–12: events that run during that month. */
  month: z.coerce.number().int().min(1).max(12).optional(),
  q: z.string().trim().max(200).optional(),
});

const text = (max: number) => z.string().trim().max(max).nullable().optional();

export const ZEventFields = z.object({
  number: text(20),
  title: z.string().trim().min(3).max(1000),
  description: text(5000),
  kind: z.enum(EVENT_KIND_KEYS),
  level: z.enum(EVENT_LEVEL_KEYS),
  organizerOrganizationId: z.uuid().nullable().optional(),
  responsiblePersonId: z.uuid().nullable().optional(),
  responsibleText: text(500),
  periodText: text(200),
  startsOn: ZDate.nullable().optional(),
  endsOn: ZDate.nullable().optional(),
  startTime: ZTime.nullable().optional(),
  endTime: ZTime.nullable().optional(),
  place: text(500),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .nullable()
    .optional(),
  target: ZTarget.optional(),
  capacity: z.number().int().min(1).max(100000).nullable().optional(),
  registrationOpensOn: ZDate.nullable().optional(),
  registrationClosesOn: ZDate.nullable().optional(),
  waitlistCutoffOn: ZDate.nullable().optional(),
  requiresApproval: z.boolean().optional(),
  plannedResult: ZPlannedResult.nullable().optional(),
  plannedResultText: text(2000),
  competencyCodes: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
});
export type EventInput = z.infer<typeof ZEventFields>;

export const ZRegistration = z.object({
  id: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  eventStartsOn: z.string().nullable(),
  personId: z.string(),
  personName: z.string(),
  organizationName: z.string().nullable(),
  status: z.enum(REG_STATUSES),
  statusName: z.string(),
  source: z.enum(['self', 'nominated']),
  createdAt: z.string(),
  waitlistPosition: z.number().nullable(),
  role: z.enum(REGISTRATION_ROLE_KEYS),
  roleName: z.string(),
  /** A presenter's topic and materials. */
  topic: z.string().nullable(),
  materialsUrl: z.string().nullable(),
  /** null: not marked yet. */
  attended: z.boolean().nullable(),
  attendanceMarkedAt: z.string().nullable(),
  attendanceMarkedByName: z.string().nullable(),
  attendanceSource: z.enum(['check_in', 'import']).nullable(),
  /** The registration's certificate (the valid one, else the last revoked). */
  certificate: z.object({ id: z.string(), status: z.enum(['valid', 'revoked']) }).nullable(),
});
export type RegistrationOut = z.infer<typeof ZRegistration>;

export const ZRegistrationList = z.object({ items: z.array(ZRegistration), total: z.number() });

/** The answer to a registration: where it landed and, in Russian, what that means. */
export const ZRegistrationResult = ZRegistration.extend({ message: z.string() });

export const ZNominate = z.object({ personId: z.uuid() });

export const ZAttendance = z.object({ attended: z.boolean() });

export const ZRoleInput = z.object({
  role: z.enum(REGISTRATION_ROLE_KEYS),
  topic: z.string().trim().max(500).nullable().optional(),
  materialsUrl: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .nullable()
    .optional(),
});

const CERT_KINDS = ['participant', 'gratitude', 'diploma'] as const;

/** What a certificate says, stored at issue; the PDF and the verification page show it. */
export const ZCertificateContent = z.object({
  title: z.string(),
  personName: z.string(),
  eventTitle: z.string(),
  eventKindName: z.string(),
  eventDate: z.string(),
  organizerName: z.string(),
  roleName: z.string(),
  topic: z.string().nullable(),
  /** A contest's diploma: the nomination it was won in. */
  nomination: z.string().nullable().optional(),
});
export type CertificateContent = z.infer<typeof ZCertificateContent>;

export const ZCertificate = z.object({
  id: z.string(),
  serial: z.string(),
  /** The public verification code (serial and a random suffix) and the page's path. */
  code: z.string(),
  verifyPath: z.string(),
  kind: z.enum(CERT_KINDS),
  kindName: z.string(),
  role: z.enum(REGISTRATION_ROLE_KEYS),
  eventId: z.string(),
  personId: z.string(),
  content: ZCertificateContent,
  status: z.enum(['valid', 'revoked']),
  statusName: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
});
export type CertificateOut = z.infer<typeof ZCertificate>;

export const ZCertificateList = z.object({ items: z.array(ZCertificate), total: z.number() });

/** A talk given at an event («трансляция опыта»): the presenter's attended registration. */
export const ZTalk = z.object({
  registrationId: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  eventKindName: z.string(),
  levelName: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  periodText: z.string().nullable(),
  topic: z.string().nullable(),
  materialsUrl: z.string().nullable(),
  /** The valid certificate (благодарность) of the talk, if any. */
  certificateId: z.string().nullable(),
});

/** The teacher's own portfolio: certificates and, separately, talks given (трансляция опыта). */
export const ZPortfolio = z.object({
  certificates: z.array(ZCertificate),
  talks: z.array(ZTalk),
});

/** The public verification: the stored content, no identifiers of people or events. */
export const ZCertificateVerification = z.object({
  serial: z.string(),
  kind: z.enum(CERT_KINDS),
  kindName: z.string(),
  content: ZCertificateContent,
  status: z.enum(['valid', 'revoked']),
  statusName: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
});

export const ZRevoke = z.object({ reason: z.string().trim().min(3).max(1000) });
