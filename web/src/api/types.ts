/**
 * Shapes of the API's answers as the UI reads them. Where a route declares its response schema
 * the type is taken from the generated schema.gen.ts (`npm run gen:api`); the interfaces left
 * here are for answers whose schema is missing or looser than the UI needs (`role: string`).
 */
import type { Answer } from './client.ts';

export type Role =
  | 'admin'
  | 'region_admin'
  | 'municipal_methodist'
  | 'municipal_head'
  | 'org_head'
  | 'teacher'
  | 'curator'
  | 'expert';

export type OrgKind = 'preschool' | 'school' | 'additional' | 'vocational' | 'dpo' | 'methodical_service';
export type Category = 'highest' | 'first' | 'szd' | 'none';
export type StaffCategory = 'pedagogical' | 'managerial';
export type EmploymentKind = 'main' | 'internal' | 'external';
export type InnovationPlatform = 'federal' | 'regional' | 'municipal';

/** Hand-written: the server's schema types `role` as a plain string. */
export interface Me {
  userId: string;
  email: string;
  fullName: string;
  role: Role;
  roleLabel: string;
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
  personId: string | null;
  canManageRegistry: boolean;
  /** What the caller may do, context by context (the server's policies; it checks again on each call). */
  capabilities: Capabilities;
}

export type Capabilities = Answer<'/api/auth/me', 'get'>['capabilities'];

export type Territories = Answer<'/api/territories', 'get'>;

export type Org = Answer<'/api/organizations', 'get'>['items'][number];

export type Staffing = Answer<'/api/staffing', 'get'>['items'][number];

export type Vacancy = Answer<'/api/vacancies', 'get'>['items'][number];

export type OrgCard = Answer<'/api/organizations/{id}', 'get'>;

export interface StaffRow {
  employmentId: string;
  personId: string;
  fullName: string;
  birthDate: string;
  age: number;
  sex: 'm' | 'f';
  snils: string | null;
  organizationId: string;
  organizationName: string;
  orgKind: OrgKind;
  position: string;
  staffCategory: StaffCategory;
  employmentKind: EmploymentKind;
  subjects: string[];
  loadHours: number;
  personLoadHours: number;
  rate: number;
  category: Category;
  categoryDate: string | null;
  categoryExpires: string | null;
  education: string | null;
  pedExperience: number | null;
  young: boolean;
  pensionAge: boolean;
  loadOver30: boolean;
  outsideProfile: boolean;
  startDate: string | null;
}

/** Hand-written: the server's schema types `orgKind` as a plain string. */
export interface StaffPage {
  items: StaffRow[];
  total: number;
  people: number;
  asOf: string;
}

export type Employment = PersonCard['employments'][number];

export type HistoryEntry = PersonCard['history'][number];

export type PersonCard = Answer<'/api/people/{id}', 'get'>;

export type InvitationLink = Answer<'/api/users/{id}/invitation', 'post'>;

/** The registry imports, as the API names them (`/api/import/{kind}`). */
export type ImportKind = 'orgs' | 'staff' | 'vacancies' | 'staffing';

export interface ImportIssue {
  row: number;
  column: string | null;
  value: unknown;
  message: string;
}

export interface ImportReport {
  kind: string;
  fileName: string;
  totalRows: number;
  validRows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  created: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  dryRun: boolean;
}

export type UserRow = Answer<'/api/users', 'get'>['items'][number];

export type AuditEntry = Answer<'/api/audit', 'get'>['items'][number];

export type DerivedSettings = Answer<'/api/settings/derived', 'get'>;

export interface Page<T> {
  items: T[];
  total: number;
}
