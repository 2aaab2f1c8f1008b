import { today } from '../platform/time/today.ts';

/**
 * «Today» of the card workflow's deadlines (the municipality's day, platform/time/today.ts). A test
 * fixes the day with `setCardsToday('2026-10-01')` and resets it with `setCardsToday(null)`.
 */
let fixed: string | null = null;

export function cardsToday(): string {
  return fixed ?? today();
}

export function setCardsToday(day: string | null): void {
  fixed = day;
}
