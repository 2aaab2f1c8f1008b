/**
 * Shapes of the API's answers as the UI reads them, taken from the generated schema.gen.ts
 * (`npm run gen:api`). A type is narrowed by hand only where the answer's schema is looser than
 * what the server sends (`role: string`), each with its reason.
 */
import type { Answer, paths } from './client.ts';

export type UserRow = Answer<'/api/users', 'get'>['items'][number];

export type Role = UserRow['role'];

export type Org = Answer<'/api/organizations', 'get'>['items'][number];
export type OrgOption = Answer<'/api/organizations/options', 'get'>['items'][number];

export type OrgKind = Org['kind'];

export type InnovationPlatform = NonNullable<Org['innovationPlatform']>;

type StaffAnswer = Answer<'/api/staff', 'get'>;

type StaffAnswerRow = StaffAnswer['items'][number];

export type Category = StaffAnswerRow['category'];

export type StaffCategory = StaffAnswerRow['staffCategory'];

export type EmploymentKind = StaffAnswerRow['employmentKind'];

export type Me = Answer<'/api/auth/me', 'get'>;

export type Capabilities = Answer<'/api/auth/me', 'get'>['capabilities'];

export type Territories = Answer<'/api/territories', 'get'>;

export type Staffing = Answer<'/api/staffing', 'get'>['items'][number];

export type Vacancy = Answer<'/api/vacancies', 'get'>['items'][number];

export type OrgCard = Answer<'/api/organizations/{id}', 'get'>;

/** Narrowed: the schema of `/api/staff` types `orgKind` as a plain string; it is always an OrgKind. */
export type StaffRow = Omit<StaffAnswerRow, 'orgKind'> & { orgKind: OrgKind };

/** The staff list with its rows narrowed as StaffRow. */
export type StaffPage = Omit<StaffAnswer, 'items'> & { items: StaffRow[] };

export type PersonCard = Answer<'/api/people/{id}', 'get'>;

export type Employment = PersonCard['employments'][number];

export type HistoryEntry = PersonCard['history'][number];

export type InvitationLink = Answer<'/api/users/{id}/invitation', 'post'>;

/** The registry's import kinds, as the path of `/api/import/{kind}` names them. */
export type ImportKind = paths['/api/import/{kind}']['post']['parameters']['path']['kind'];

/**
 * One report for every import (registry, catalog, assessment results): the registry's answer with
 * `kind` widened to a string, since each route names its own kinds; results imports add a count.
 */
export type ImportReport = Omit<Answer<'/api/import/{kind}', 'post'>, 'kind'> & {
  kind: string;
  results?: number;
};

export type ImportIssue = ImportReport['errors'][number];

export type AuditEntry = Answer<'/api/audit', 'get'>['items'][number];

export type DerivedSettings = Answer<'/api/settings/derived', 'get'>;

/** A page of a list answer (`{ items, total }`). */
export interface Page<T> {
  items: T[];
  total: number;
}
