/**
 * Diagnosis, deficits and the catalog as the UI reads them: answer shapes of
 * src/assessment/** and src/catalog/** routes, and the query hooks the pages share.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

export type OwnerLevel = 'system' | 'region' | 'municipality' | 'organization';
export type CampaignStatus = 'draft' | 'open' | 'closed';
export type InstrumentKind = 'test' | 'self_assessment' | 'burnout';
export type DeficitLevel = 'deficit' | 'partial' | 'none';

export interface Competency {
  id: string;
  code: string;
  name: string;
  description: string;
  position: number;
}

export interface Framework {
  id: string;
  code: string;
  name: string;
  description: string;
  audience: string;
  ownerLevel: OwnerLevel;
  regionId: string | null;
  municipalityId: string | null;
  deficitBelow: number;
  partialBelow: number;
  updatedAt: string;
  canEdit: boolean;
  groups: { id: string; code: string; name: string; position: number; competencies: Competency[] }[];
}

export interface InstrumentSummary {
  id: string;
  code: string;
  name: string;
  kind: InstrumentKind;
  frameworkId: string | null;
  frameworkCode: string | null;
  ownerLevel: OwnerLevel;
  version: number;
  itemCount: number;
  updatedAt: string;
  canEdit: boolean;
}

export interface CampaignTarget {
  organizationIds?: string[];
  orgKinds?: string[];
  subjects?: string[];
  positions?: string[];
  youngOnly?: boolean;
}

export interface Campaign {
  id: string;
  name: string;
  ownerLevel: OwnerLevel;
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
  frameworkId: string | null;
  status: CampaignStatus;
  opensAt: string;
  closesAt: string;
  target: CampaignTarget;
  participantCount: number;
  instruments: { id: string; name: string; kind: string }[];
  createdAt: string;
  closedAt: string | null;
  canManage: boolean;
  /** Present on the answer to closing once route generation is wired (null when not started). */
  generationJobId?: string | null;
}

export interface CampaignInput {
  name: string;
  frameworkId: string | null;
  instrumentIds: string[];
  opensAt: string;
  closesAt: string;
  target: CampaignTarget;
}

export interface OrgProgress {
  organizationId: string;
  organizationName: string;
  invited: number;
  started: number;
  submitted: number;
}

export type SittingStatus = 'not_started' | 'started' | 'submitted';

export interface MyAssessment {
  campaignId: string;
  name: string;
  status: CampaignStatus;
  opensAt: string;
  closesAt: string;
  inWindow: boolean;
  instruments: {
    id: string;
    name: string;
    kind: string;
    status: SittingStatus;
    submittedAt: string | null;
  }[];
}

export type Answer = string | string[] | number;

export interface SheetItem {
  id: string;
  text: string;
  kind: 'single' | 'multiple' | 'scale';
  competencyCode?: string;
  options?: { id: string; text: string }[];
  scale?: { min: number; max: number; labels?: string[] };
}

export interface Sheet {
  instrument: {
    id: string;
    name: string;
    kind: InstrumentKind;
    version: number;
    content: { items: SheetItem[] };
  };
  attempt: {
    id: string;
    status: 'started' | 'submitted';
    answers: Record<string, Answer>;
    startedAt: string;
    submittedAt: string | null;
  };
  inWindow: boolean;
}

export interface FrameworkRef {
  id: string;
  code: string;
  name: string;
  deficitBelow: number;
  partialBelow: number;
}

export interface PersonDeficits {
  personId: string;
  fullName: string;
  framework: FrameworkRef;
  competencies: {
    competencyId: string;
    code: string;
    name: string;
    groupCode: string;
    groupName: string;
    percent: number | null;
    level: DeficitLevel | null;
    assessedOn: string | null;
    source: 'platform' | 'import' | null;
    procedure: string | null;
  }[];
}

export interface HeatCell {
  competencyId: string;
  assessed: number;
  deficit: number;
  partial: number;
  deficitShare: number;
}

export interface Heatmap {
  framework: FrameworkRef;
  by: 'organization' | 'subject';
  competencies: { id: string; code: string; name: string }[];
  rows: { id: string; name: string; cells: HeatCell[] }[];
}

export interface DeficitPeople {
  competency: { id: string; code: string; name: string };
  level: 'deficit' | 'partial';
  people: {
    personId: string;
    fullName: string;
    organizationId: string;
    organization: string;
    percent: number;
    level: DeficitLevel;
    assessedOn: string;
    source: 'platform' | 'import';
  }[];
}

export type ProgramKind = 'upgrade' | 'retraining';
export type ProgramFormat = 'in_person' | 'distance' | 'blended';

/** Who keeps a program: the system (federal), the region (its operator) or a municipality (its methodists). */
export interface ProgramOwner {
  level: 'system' | 'region' | 'municipality';
  /** The region's or the municipality's name; null for a system program. */
  name: string | null;
}

export interface Program {
  id: string;
  regionId: string | null;
  municipalityId: string | null;
  owner: ProgramOwner;
  code: string;
  name: string;
  kind: ProgramKind;
  kindName: string;
  hours: number;
  provider: string;
  format: ProgramFormat;
  formatName: string;
  federalRegistry: boolean;
  federalRegistryNumber: string | null;
  priorityDirections: string[];
  active: boolean;
  competencyCodes: string[];
  editable: boolean;
}

export interface Cohort {
  id: string;
  programId: string;
  startsOn: string;
  endsOn: string;
  seats: number | null;
}

export interface ProgramCard extends Program {
  cohorts: Cohort[];
  competencies: { id: string; code: string; name: string }[];
}

export interface ProgramInput {
  code: string;
  name: string;
  kind: ProgramKind;
  hours: number;
  provider: string;
  format: ProgramFormat;
  federalRegistry: boolean;
  federalRegistryNumber: string | null;
  priorityDirections: string[];
  active: boolean;
  competencyCodes: string[];
}

export interface Training {
  id: string;
  personId: string;
  programId: string | null;
  programCode: string | null;
  programName: string;
  provider: string | null;
  document: 'certificate' | 'diploma';
  documentName: string;
  documentNumber: string;
  issuedOn: string;
  hours: number;
}

export function useFrameworks() {
  return useQuery({
    queryKey: ['competency-frameworks'],
    queryFn: () => api.get<{ items: Framework[] }>('/api/competency-frameworks'),
    staleTime: 5 * 60_000,
  });
}

export function useInstruments(enabled = true) {
  return useQuery({
    queryKey: ['instruments'],
    queryFn: () => api.get<{ items: InstrumentSummary[] }>('/api/instruments'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useCampaigns(enabled = true) {
  return useQuery({
    queryKey: ['assessment-campaigns'],
    queryFn: () => api.get<{ items: Campaign[] }>('/api/assessment-campaigns'),
    enabled,
  });
}

export function useCampaignProgress(id: string, enabled = true) {
  return useQuery({
    queryKey: ['assessment-campaigns', id, 'progress'],
    queryFn: () => api.get<{ items: OrgProgress[] }>(`/api/assessment-campaigns/${id}/progress`),
    enabled,
  });
}

export function useMyAssessments() {
  return useQuery({
    queryKey: ['my-assessments'],
    queryFn: () => api.get<{ items: MyAssessment[] }>('/api/my/assessments'),
  });
}

export function usePersonDeficits(personId: string, frameworkId: string | undefined) {
  return useQuery({
    queryKey: ['person-deficits', personId, frameworkId],
    queryFn: () =>
      api.get<PersonDeficits>(`/api/deficits/people/${personId}`, { frameworkId: frameworkId ?? '' }),
    enabled: Boolean(personId && frameworkId),
    placeholderData: keepPreviousData,
  });
}

export function usePersonTrainings(personId: string) {
  return useQuery({
    queryKey: ['person-trainings', personId],
    queryFn: () => api.get<{ items: Training[]; total: number }>(`/api/people/${personId}/trainings`),
    enabled: Boolean(personId),
  });
}

/** Sums of a campaign's progress rows. */
export function progressTotals(rows: OrgProgress[] | undefined) {
  return (rows ?? []).reduce(
    (s, r) => ({
      invited: s.invited + r.invited,
      started: s.started + r.started,
      submitted: s.submitted + r.submitted,
    }),
    { invited: 0, started: 0, submitted: 0 },
  );
}

/** The framework to show by default: the teacher framework from the presets, else the first. */
export function defaultFramework(items: Framework[] | undefined): Framework | undefined {
  return items?.find((f) => f.code === 'teacher-544n') ?? items?.[0];
}
