/** Shapes of the API's answers, as the UI reads them (the server's OpenAPI is the reference). */

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
}

export interface Territories {
  regions: { id: string; code: string; name: string }[];
  municipalities: { id: string; regionId: string; code: string; name: string }[];
}

export interface Org {
  id: string;
  code: string;
  fullName: string;
  shortName: string;
  kind: OrgKind;
  kindLabel: string;
  municipalityId: string;
  municipalityName: string;
  rural: boolean;
  lowResults: boolean;
  innovationPlatform: InnovationPlatform | null;
  internshipPlatform: boolean;
  mentoringRegulation: boolean;
  inn: string | null;
  staffCount: number;
  vacanciesOpen: number;
}

export interface Staffing {
  organizationId: string;
  organizationName: string;
  year: number;
  pedTotal: number;
  pedOccupied: number;
  admTotal: number;
  admOccupied: number;
}

export interface Vacancy {
  id: string;
  organizationId: string;
  organizationName: string;
  position: string;
  subject: string | null;
  rate: number;
  zemsky: boolean;
  openedOn: string;
  closedOn: string | null;
}

export interface OrgCard extends Org {
  staffSummary: {
    total: number;
    pedagogical: number;
    managerial: number;
    young: number;
    pensionAge: number;
    loadOver30: number;
    byCategory: Record<Category, number>;
  };
  staffing: Staffing[];
  vacancies: Vacancy[];
  canEdit: boolean;
}

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

export interface StaffPage {
  items: StaffRow[];
  total: number;
  people: number;
  asOf: string;
}

export interface Employment {
  id: string;
  organizationId: string;
  organizationName: string;
  position: string;
  staffCategory: StaffCategory;
  kind: EmploymentKind;
  subjects: string[];
  loadHours: number;
  rate: number;
  startDate: string | null;
  endDate: string | null;
  outsideProfile: boolean;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
}

export interface PersonCard {
  id: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  fullName: string;
  birthDate: string;
  age: number;
  sex: 'm' | 'f';
  snils: string | null;
  email: string | null;
  education: string | null;
  pedExperienceYears: number | null;
  pedExperienceNow: number | null;
  category: Category;
  categoryDate: string | null;
  categoryExpires: string | null;
  young: boolean;
  pensionAge: boolean;
  personLoadHours: number;
  loadOver30?: boolean;
  employments: Employment[];
  history: HistoryEntry[];
  user: { id: string; email: string; role: string } | null;
  canEdit: boolean;
  /** May change СНИЛС, full name and birth date (keeps every current employment of the person). */
  canEditIdentity: boolean;
  canInvite: boolean;
}

export interface InvitationLink {
  link: string;
  expiresAt: string;
}

export type ImportKind = 'organizations' | 'staff' | 'vacancies' | 'staffing';

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

export interface UserRow {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  roleLabel: string;
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
  organizationName: string | null;
  personId: string | null;
  active: boolean;
  lastLoginAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  personId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface DerivedSettings {
  youngMaxAge: number;
  youngMaxExperienceYears: number;
  youngRule: 'and' | 'or';
  pensionAgeMale: number;
  pensionAgeFemale: number;
  loadThresholdHours: number;
  maxRatesPerPerson: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}
