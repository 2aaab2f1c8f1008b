import type {
  Category,
  EducationLevel,
  EmploymentKind,
  OrgKind,
  StaffCategory,
} from '../directory/vocabulary.ts';

/**
 * The rows a generated dataset holds, shaped like the directory tables (camelCase) with their
 * ids already chosen, so the loader can insert every table set-wise without looking anything up.
 * Dates are 'YYYY-MM-DD'.
 */
export interface RegionRow {
  id: string;
  code: string;
  name: string;
}

export interface MunicipalityRow {
  id: string;
  code: string;
  name: string;
}

export interface OrganizationRow {
  id: string;
  municipalityId: string;
  code: string;
  fullName: string;
  shortName: string;
  kind: OrgKind;
  rural: boolean;
  lowResults: boolean;
  innovationPlatform: 'federal' | 'regional' | 'municipal' | null;
  internshipPlatform: boolean;
  mentoringRegulation: boolean;
  inn: string;
}

export interface PersonRow {
  id: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: 'm' | 'f';
  snils: string;
  email: string | null;
  education: EducationLevel;
  pedExperienceYears: number;
  pedExperienceAsOf: string;
  category: Category;
  categoryDate: string | null;
}

export interface EmploymentRow {
  id: string;
  personId: string;
  organizationId: string;
  position: string;
  staffCategory: StaffCategory;
  kind: EmploymentKind;
  subjects: string[];
  loadHours: number;
  rate: number;
  startDate: string;
  outsideProfile: boolean;
}

export interface VacancyRow {
  id: string;
  organizationId: string;
  position: string;
  subject: string | null;
  rate: number;
  zemsky: boolean;
  openedOn: string;
  closedOn: string | null;
}

export interface StaffingRow {
  organizationId: string;
  year: number;
  pedTotal: number;
  pedOccupied: number;
  admTotal: number;
  admOccupied: number;
}

/** Everything generated for one organisation (its people are those who first appear there). */
export interface OrgBatch {
  people: PersonRow[];
  employments: EmploymentRow[];
  vacancies: VacancyRow[];
  staffing: StaffingRow[];
}

interface DatasetHead {
  region: RegionRow;
  municipalities: MunicipalityRow[];
  organizations: OrganizationRow[];
}

/** A whole dataset in memory. */
export interface Dataset extends DatasetHead, OrgBatch {}

/**
 * The same data produced organisation by organisation, for a loader that should not hold a
 * region's staff in memory at once. `batches` can be iterated more than once and yields the
 * same rows each time.
 */
export interface DatasetStream extends DatasetHead {
  batches: Iterable<OrgBatch>;
}

export function isStream(d: Dataset | DatasetStream): d is DatasetStream {
  return 'batches' in d;
}

/** Collects a stream into one in-memory dataset. */
export function materialize(stream: DatasetStream): Dataset {
  const out: Dataset = {
    region: stream.region,
    municipalities: stream.municipalities,
    organizations: stream.organizations,
    people: [],
    employments: [],
    vacancies: [],
    staffing: [],
  };
  for (const b of stream.batches) {
    for (const p of b.people) out.people.push(p);
    for (const e of b.employments) out.employments.push(e);
    for (const v of b.vacancies) out.vacancies.push(v);
    for (const s of b.staffing) out.staffing.push(s);
  }
  return out;
}
