import type { Actor } from '../platform/auth/actor.ts';
import { communityAbilities, isLeader } from './communities.policy.ts';
import type { CommunityDb, MeetingDb, MemberDb, PlanItemDb } from './communities.repository.ts';
import type { CommunityOut } from './communities.schemas.ts';
import { COMMUNITY_KINDS, COMMUNITY_LEVELS, MEETING_STATUSES } from './communities.vocabulary.ts';

export function presentCommunity(actor: Actor, c: CommunityDb, schoolYear: number): CommunityOut {
  return {
    id: c.id,
    kind: c.kind,
    kindName: COMMUNITY_KINDS[c.kind],
    level: c.level,
    levelName: COMMUNITY_LEVELS[c.level],
    regionId: c.region_id,
    municipalityId: c.municipality_id,
    municipalityName: c.municipality_name,
    organizationId: c.organization_id,
    organizationName: c.organization_name,
    name: c.name,
    subject: c.subject,
    direction: c.direction,
    description: c.description,
    leader: c.leader_person_id && c.leader_name ? { id: c.leader_person_id, name: c.leader_name } : null,
    deputies: c.deputies,
    rule: c.rule ?? {},
    isMember: c.is_member,
    isLeader: isLeader(actor, c),
    membersCount: c.members_count,
    schoolYear,
    meetingsHeld: c.meetings_held,
    meetingsPlanned: c.meetings_planned,
    planItems: c.plan_items,
    ...communityAbilities(actor, c),
  };
}

export const presentMember = (m: MemberDb) => ({
  id: m.id,
  personId: m.person_id,
  personName: m.person_name,
  organizationName: m.organization_name,
  joinedOn: m.joined_on,
  leftOn: m.left_on,
  leftReason: m.left_reason,
  attended: m.attended,
});

export const presentPlanItem = (p: PlanItemDb) => ({
  id: p.id,
  schoolYear: p.school_year,
  startsOn: p.starts_on,
  endsOn: p.ends_on,
  title: p.title,
  responsiblePersonId: p.responsible_person_id,
  responsibleName: p.responsible_name,
  eventId: p.event_id,
  eventTitle: p.event_title,
  doneOn: p.done_on,
});

export const presentMeeting = (m: MeetingDb) => ({
  id: m.id,
  schoolYear: m.school_year,
  heldOn: m.held_on,
  title: m.title,
  agenda: m.agenda,
  status: m.status,
  statusName: MEETING_STATUSES[m.status],
  minutes: m.minutes,
  planItemId: m.plan_item_id,
  attended: m.attended,
  decisions: m.decisions,
});
