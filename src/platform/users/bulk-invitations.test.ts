import { describe, expect, it } from 'vitest';
import type { BulkCandidateDb } from './bulk-invitations.repository.ts';
import { planBulkInvitations } from './bulk-invitations.service.ts';

const person = (p: Partial<BulkCandidateDb> & { person_id: string }): BulkCandidateDb => ({
  full_name: `Педагог ${p.person_id}`,
  email: null,
  organization_id: 'o1',
  organization_name: 'МБОУ «СОШ № 1»',
  municipality_id: 'm1',
  region_id: 'r1',
  position: 'Учитель',
  user_id: null,
  user_active: null,
  user_has_password: null,
  email_taken: false,
  ...p,
});

describe('planBulkInvitations', () => {
  it('invites people without an account, keeping the registry address unless it is someone else’s', () => {
    const plan = planBulkInvitations(
      [
        person({ person_id: 'a', email: 'a@school.ru' }),
        person({ person_id: 'b' }),
        person({ person_id: 'c', email: 'shared@school.ru', email_taken: true }),
        person({ person_id: 'd', email: 'Twice@school.ru' }),
        person({ person_id: 'e', email: 'twice@school.ru' }),
      ],
      { reissue: false },
    );
    expect(plan.map((p) => [p.candidate.person_id, p.outcome, p.email])).toEqual([
      ['a', 'invited', 'a@school.ru'],
      ['b', 'invited', null],
      ['c', 'invited', null],
      ['d', 'invited', 'Twice@school.ru'],
      ['e', 'invited', null],
    ]);
  });

  it('leaves working and switched-off accounts alone; re-links an untaken one only when asked', () => {
    const people = [
      person({ person_id: 'w', user_id: 'u1', user_active: true, user_has_password: true }),
      person({ person_id: 'x', user_id: 'u2', user_active: false, user_has_password: true }),
      person({ person_id: 'p', user_id: 'u3', user_active: true, user_has_password: false }),
    ];
    expect(planBulkInvitations(people, { reissue: false }).map((p) => p.outcome)).toEqual([
      'has_account',
      'disabled',
      'pending',
    ]);
    expect(planBulkInvitations(people, { reissue: true }).map((p) => p.outcome)).toEqual([
      'has_account',
      'disabled',
      'reissued',
    ]);
  });
});
