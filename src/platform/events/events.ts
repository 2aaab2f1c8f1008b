import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { recordFailedJob } from '../jobs/jobs.queue.ts';

/**
 * Reactions between contexts. A context announces what happened (`emit`); another context, wired
 * in `server/events.wiring.ts`, reacts (`on`) — usually by enqueueing a job. The web, the API and the
 * command line emit through the same registry, so the same action has the same effect everywhere.
 *
 * Add an event here with its payload; the compiler then checks every `emit` and `on`.
 */
export interface EventMap {
  /** An assessment campaign was closed: its results are final. */
  'assessment.campaign-closed': { campaignId: string; frameworkId: string | null };
  /** Assessment results were committed by an import (web, API or `marshrut import`). */
  'assessment.results-imported': { frameworkId: string; campaignId: string | null; results: number };
  /** A teacher submitted an attempt of an instrument (once): its scores are stored with it. */
  'assessment.attempt-submitted': { attemptId: string; personId: string; instrumentKind: string };
  /** An assessment campaign was opened: its participants are frozen. */
  'assessment.campaign-opened': { campaignId: string };
  /** A data-collection form was assigned to organizations. */
  'monitoring.form-assigned': { assignmentId: string };
  /** The methodist returned an organization's answer for rework. */
  'monitoring.submission-returned': { submissionId: string };
  /**
   * Registrations changed for their people: nominated by the school head, promoted from the
   * waiting list, confirmed or rejected by the organizer.
   */
  'events.registrations-changed': { registrationIds: string[]; change: RegistrationChange };
  /** The teacher or the curator agreed a route (both did when its status is `agreed`). */
  'routes.agreed': { routeId: string };
  /** A moderator published a material of the bank of practices or returned it with a reason. */
  'practices.material-moderated': { materialId: string };
  /** The teacher marked a route item done: it awaits the curator's confirmation. */
  'routes.item-done': { routeId: string; itemId: string };
  /** The curator returned a done item for rework. */
  'routes.item-returned': { routeId: string; itemId: string };
  /**
   * Attendance at an event was confirmed and committed (the organizer's tick, a webinar report's
   * import, a role changed on an attended registration): each attendee with the certificate issued.
   */
  'events.attendance-confirmed': {
    eventId: string;
    attendees: { personId: string; registrationId: string; certificateId: string }[];
  };
  /** A mentorship was finished (its goals' outcomes set): the route items it fills close. */
  'mentoring.finished': { mentorshipId: string };
  /** A mentorship opened (a pair created in a program, or a route's mentor confirmed). */
  'mentoring.pair-opened': { mentorshipId: string };
  /** The organizer took attendance back: the certificates are revoked. */
  'events.attendance-revoked': { eventId: string; attendees: { personId: string; registrationId: string }[] };
  /** The organizer revoked a certificate directly, attendance standing: what it proved opens again. */
  'events.certificate-revoked': {
    eventId: string;
    personId: string;
    registrationId: string;
    certificateId: string;
    reason: string;
  };
}

export type EventName = keyof EventMap;

export type RegistrationChange = 'nominated' | 'promoted' | 'confirmed' | 'rejected';

/** Who caused the event and the database it happened in (the root Db, never a transaction). */
export interface EventContext {
  db: Db;
  actor: Actor;
}

/** What the reactions did: the jobs they enqueued (the caller may hand their ids to the client). */
export interface EmitOutcome {
  jobs: { kind: string; id: string }[];
}

export interface Reaction {
  /** Jobs enqueued by the reaction, reported back to the emitter. */
  enqueued(kind: string, id: string): void;
}

type Handler<E extends EventName> = (payload: EventMap[E], ctx: EventContext, r: Reaction) => Promise<void>;

interface Registered {
  name: string;
  /** The job kind a failure of this reaction is recorded under (visible in the jobs API). */
  kind: string;
  handler: Handler<EventName>;
}

const handlers = new Map<EventName, Registered[]>();

/**
 * Registers a reaction. `kind` names the job the reaction starts: when the reaction itself throws,
 * a failed job of that kind is recorded, so the user sees the failure where the job would be.
 */
export function on<E extends EventName>(
  event: E,
  reaction: { name: string; kind: string },
  handler: Handler<E>,
): () => void {
  const list = handlers.get(event) ?? [];
  const entry: Registered = { ...reaction, handler: handler as unknown as Handler<EventName> };
  // Registering the same reaction twice (two apps in one process, a test) keeps one.
  const at = list.findIndex((h) => h.name === reaction.name);
  if (at >= 0) list[at] = entry;
  else list.push(entry);
  handlers.set(event, list);
  return () => {
    const now = handlers.get(event) ?? [];
    handlers.set(
      event,
      now.filter((h) => h !== entry),
    );
  };
}

export type EventLogger = (err: unknown, event: string, reaction: string) => void;
const defaultLogger: EventLogger = (err, event, reaction) =>
  console.error(`event ${event}: reaction ${reaction} failed:`, err instanceof Error ? err.stack : err);

/**
 * Runs every reaction to the event, in registration order, after the emitter's transaction has
 * committed. A reaction that throws does not fail the emitter (the action itself is done), but it
 * is never silent: it is logged and recorded as a failed job the user can see.
 */
export async function emit<E extends EventName>(
  event: E,
  payload: EventMap[E],
  ctx: EventContext,
  log: EventLogger = defaultLogger,
): Promise<EmitOutcome> {
  if (ctx.db.inTransaction) throw new Error(`emit(${event}) inside a transaction: emit after it commits`);
  const outcome: EmitOutcome = { jobs: [] };
  const reaction: Reaction = { enqueued: (kind, id) => outcome.jobs.push({ kind, id }) };
  for (const h of handlers.get(event) ?? []) {
    try {
      await h.handler(payload, ctx, reaction);
    } catch (err) {
      log(err, event, h.name);
      const id = await recordFailedJob(
        ctx.db,
        { kind: h.kind, params: payload, actor: ctx.actor },
        err,
      ).catch((e: unknown) => {
        log(e, event, h.name);
        return null;
      });
      if (id) outcome.jobs.push({ kind: h.kind, id });
    }
  }
  return outcome;
}

/** The id of the job of `kind` the reactions enqueued (or recorded as failed), if any. */
export function jobOf(outcome: EmitOutcome, kind: string): string | null {
  return outcome.jobs.find((j) => j.kind === kind)?.id ?? null;
}

/** Reactions registered for an event (tests, diagnostics). */
export function reactionsTo(event: EventName): string[] {
  return (handlers.get(event) ?? []).map((h) => h.name);
}
