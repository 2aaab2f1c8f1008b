import { describe, expect, it } from 'vitest';
import { reactionsTo } from '../platform/events/events.ts';
import { wireContexts } from './wiring.ts';

describe('wireContexts', () => {
  it('closing a campaign and importing results both lead to route generation, registered once', () => {
    wireContexts();
    wireContexts();
    expect(reactionsTo('assessment.campaign-closed')).toEqual(['routes.generate-after-campaign']);
    expect(reactionsTo('assessment.results-imported')).toEqual(['routes.generate-after-import']);
  });
});
