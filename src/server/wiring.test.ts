import { describe, expect, it } from 'vitest';
import { reactionsTo } from '../platform/events/events.ts';
import { wireContexts } from './wiring.ts';

describe('wireContexts', () => {
  it('closing a campaign and importing results both lead to route generation, registered once', () => {
    wireContexts();
    wireContexts();
    expect(reactionsTo('assessment.campaign-closed')).toEqual(['routes.generate-after-campaign']);
    expect(reactionsTo('assessment.results-imported')).toEqual(['routes.generate-after-import']);
    expect(reactionsTo('routes.item-done')).toEqual(['notifications.routes.item-done']);
    expect(reactionsTo('assessment.campaign-opened')).toEqual(['notifications.assessment.campaign-opened']);
    expect(reactionsTo('events.attendance-confirmed')).toEqual(['routes.close-by-attendance']);
    expect(reactionsTo('events.attendance-revoked')).toEqual(['routes.reopen-by-revocation']);
    expect(reactionsTo('events.certificate-revoked')).toEqual(['routes.reopen-by-certificate']);
    expect(reactionsTo('mentoring.finished')).toEqual(['routes.close-by-mentorship']);
    expect(reactionsTo('assessment.attempt-submitted')).toEqual(['wellbeing.support-after-burnout']);
  });
});
