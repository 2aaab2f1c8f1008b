import { z } from 'zod';
import { ZTarget } from '../assessment/campaigns/campaigns.schemas.ts';
import {
  COMMUNITY_KIND_KEYS,
  COMMUNITY_LEVEL_KEYS,
  MEMBERSHIP_KIND_KEYS,
  MEMBERSHIP_STATUS_KEYS,
} from './communities.vocabulary.ts';

const ZDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max).nullable().optional();
const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;

const ZPersonRef = z.object({ id: z.string(), name: z.string() });

export const ZCommunity = z.object({
  id: z.string(),
  kind: z.enum(COMMUNITY_KIND_KEYS),
  kindName: z.string(),
  level: z.enum(COMMUNITY_LEVEL_KEYS),
  levelName: z.string(),
  regionId: z.string(),
  municipalityId: z.string().nullable(),
  municipalityName: z.string().nullable(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  name: z.string(),
  subject: z.string().nullable(),
  direction: z.string().nullable(),
  description: z.string().nullable(),
  leader: ZPersonRef.nullable(),
  deputies: z.array(ZPersonRef),
  rule: ZTarget.extend({ orgKinds: z.array(z.string()).optional() }),
  /** The caller's own relation to the community. */
  isMember: z.boolean(),
  isLeader: z.boolean(),
  membersCount: z.number(),
  /** Of the school year asked for (the current one by default). */
  schoolYear: z.number(),
  meetingsHeld: z.number(),
  meetingsPlanned: z.number(),
  planItems: z.number(),
  canEdit: z.boolean(),
  canManage: z.boolean(),
  canSeeMembers: z.boolean(),
});
export type CommunityOut = z.infer<typeof ZCommunity>;

export const ZCommunityList = z.object({
  items: z.array(ZCommunity),
  total: z.number(),
  schoolYear: z.number(),
  canCreate: z.boolean(),
});

export const ZCommunityQuery = z.object({
  kind: z.enum(COMMUNITY_KIND_KEYS).optional(),
  level: z.enum(COMMUNITY_LEVEL_KEYS).optional(),
  subject: z.string().trim().max(200).optional(),
  q: z.string().trim().max(200).optional(),
  organizationId: z.uuid().optional(),
  schoolYear: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const ZYearQuery = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100).optional() });

export const ZCommunityFields = z.object({
  kind: z.enum(COMMUNITY_KIND_KEYS),
  /** Defaults from the kind and the caller: a school head's are institutional, a methodist's municipal. */
  level: z.enum(COMMUNITY_LEVEL_KEYS).optional(),
  name: z.string().trim().min(3).max(300),
  subject: text(200),
  direction: text(300),
  description: text(5000),
  /** An institutional community's organization (a methodist or the admin names it). */
  organizationId: z.uuid().nullable().optional(),
  /** The admin names the municipality (or the region for a regional community). */
  municipalityId: z.uuid().nullable().optional(),
  regionId: z.uuid().nullable().optional(),
  leaderPersonId: z.uuid().nullable().optional(),
  deputyPersonIds: z.array(z.uuid()).max(20).optional(),
  rule: ZTarget.optional(),
});
export type CommunityInput = z.infer<typeof ZCommunityFields>;

export const ZCommunityPatch = ZCommunityFields.omit({
  level: true,
  organizationId: true,
  municipalityId: true,
  regionId: true,
}).partial();

export const ZMember = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  organizationName: z.string().nullable(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  /** Held meetings attended (in the period asked for, else ever). */
  attended: z.number(),
});
export const ZMemberList = z.object({ items: z.array(ZMember), total: z.number() });
export const ZMemberQuery = z.object({ includeLeft: z.coerce.boolean().optional() });

export const ZAddMembers = z.object({
  personIds: z.array(z.uuid()).min(1, 'Выберите хотя бы одного педагога').max(500),
  joinedOn: ZDate.optional(),
});
export const ZAddedMembers = z.object({ added: z.number(), items: z.array(ZMember) });

export const ZLeave = z.object({ leftOn: ZDate.optional(), reason: text(500) });

export const ZSuggestionQuery = z.object({
  q: z.string().trim().max(200).optional(),
  /** false: anyone of the territory, not only by the rule. */
  ruleOnly: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export const ZSuggestions = z.object({
  items: z.array(
    z.object({
      personId: z.string(),
      personName: z.string(),
      organizationName: z.string(),
      position: z.string(),
      subjects: z.array(z.string()),
    }),
  ),
  total: z.number(),
  /** More people match than are shown. */
  truncated: z.boolean(),
});

export const ZPlanItem = z.object({
  id: z.string(),
  schoolYear: z.number(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  title: z.string(),
  responsiblePersonId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  eventId: z.string().nullable(),
  eventTitle: z.string().nullable(),
  doneOn: z.string().nullable(),
});
export const ZPlanItemList = z.object({ items: z.array(ZPlanItem), schoolYear: z.number() });
export const ZPlanItemFields = z.object({
  startsOn: ZDate,
  endsOn: ZDate.nullable().optional(),
  title: z.string().trim().min(3).max(1000),
  responsiblePersonId: z.uuid().nullable().optional(),
  eventId: z.uuid().nullable().optional(),
  doneOn: ZDate.nullable().optional(),
});
export type PlanItemInput = z.infer<typeof ZPlanItemFields>;

export const ZMeeting = z.object({
  id: z.string(),
  schoolYear: z.number(),
  heldOn: z.string(),
  title: z.string(),
  agenda: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  statusName: z.string(),
  minutes: z.string().nullable(),
  planItemId: z.string().nullable(),
  attended: z.number(),
  decisions: z.number(),
});
export const ZMeetingList = z.object({ items: z.array(ZMeeting), schoolYear: z.number() });
export const ZMeetingFields = z.object({
  heldOn: ZDate,
  title: z.string().trim().min(3).max(500),
  agenda: text(5000),
  status: z.enum(MEETING_STATUSES).optional(),
  minutes: text(20000),
  planItemId: z.uuid().nullable().optional(),
});
export type MeetingInput = z.infer<typeof ZMeetingFields>;

export const ZDecision = z.object({
  id: z.string(),
  text: z.string(),
  responsiblePersonId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
});
export const ZDecisionsInput = z.object({
  decisions: z
    .array(
      z.object({
        text: z.string().trim().min(3).max(2000),
        responsiblePersonId: z.uuid().nullable().optional(),
        dueOn: ZDate.nullable().optional(),
        doneOn: ZDate.nullable().optional(),
      }),
    )
    .max(100),
});
export const ZAttendanceInput = z.object({ present: z.array(z.uuid()).max(2000) });

export const ZMeetingCard = ZMeeting.extend({
  communityId: z.string(),
  canManage: z.boolean(),
  /** Members on the meeting's day; null to those who do not see member names. */
  attendance: z
    .array(
      z.object({
        personId: z.string(),
        personName: z.string(),
        organizationName: z.string().nullable(),
        attended: z.boolean(),
      }),
    )
    .nullable(),
  decisionList: z.array(ZDecision),
});

export const ZCommunityReport = z.object({
  communityId: z.string(),
  name: z.string(),
  schoolYear: z.number(),
  schoolYearName: z.string(),
  meetingsPlanned: z.number(),
  meetingsHeld: z.number(),
  meetingsCancelled: z.number(),
  planItems: z.number(),
  planItemsDone: z.number(),
  /** People who were members at any time of the school year. */
  members: z.number(),
  /** Of them, attended at least one held meeting of the year. */
  membersActive: z.number(),
  decisions: z.number(),
  decisionsDone: z.number(),
});

// ---- memberships ----

export const ZMembership = z.object({
  id: z.string(),
  kind: z.enum(MEMBERSHIP_KIND_KEYS),
  kindName: z.string(),
  personId: z.string(),
  personName: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  status: z.enum(MEMBERSHIP_STATUS_KEYS),
  statusName: z.string(),
  direction: z.string().nullable(),
  note: z.string().nullable(),
  fromOn: z.string().nullable(),
  toOn: z.string().nullable(),
  reason: z.string().nullable(),
  nominatedByName: z.string().nullable(),
  nominatedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  training: z.object({ items: z.number(), done: z.number() }),
  canDecide: z.boolean(),
  /** The statuses the caller may move it to. */
  next: z.array(z.enum(MEMBERSHIP_STATUS_KEYS)),
});
export const ZMembershipList = z.object({
  items: z.array(ZMembership),
  total: z.number(),
  canNominate: z.boolean(),
});
export const ZMembershipQuery = z.object({
  kind: z.enum(MEMBERSHIP_KIND_KEYS).optional(),
  status: z.enum(MEMBERSHIP_STATUS_KEYS).optional(),
  organizationId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
export const ZNominateMembership = z.object({
  kind: z.enum(MEMBERSHIP_KIND_KEYS),
  personId: z.uuid(),
  direction: text(300),
  note: text(2000),
  fromOn: ZDate.nullable().optional(),
  toOn: ZDate.nullable().optional(),
});
export const ZTransition = z.object({
  to: z.enum(['approved', 'active', 'ended', 'rejected']),
  reason: text(1000),
  /** For active: the period's start (today by default); for ended: its end. */
  on: ZDate.optional(),
});
export const ZTrainingItem = z.object({
  id: z.string(),
  title: z.string(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
});
export const ZTrainingFields = z.object({
  title: z.string().trim().min(3).max(500),
  dueOn: ZDate.nullable().optional(),
  doneOn: ZDate.nullable().optional(),
  note: text(2000),
});
export const ZMembershipCard = ZMembership.extend({
  transitions: z.array(
    z.object({
      from: z.enum(MEMBERSHIP_STATUS_KEYS).nullable(),
      to: z.enum(MEMBERSHIP_STATUS_KEYS),
      byName: z.string().nullable(),
      at: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  trainingItems: z.array(ZTrainingItem),
});
