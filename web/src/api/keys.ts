/**
 * Query keys, one factory per context: `keys.staff.list(filters)` to read, `keys.staff.all` to
 * invalidate everything of a kind after a change. Keys nest, so invalidating a prefix reaches
 * every list and card under it. Pages use these instead of writing arrays inline.
 */
type Params = Record<string, unknown>;

export const keys = {
  territories: ['territories'] as const,
  settings: {
    derived: ['settings', 'derived'] as const,
    routeGeneration: ['settings', 'routes.generation'] as const,
  },
  staff: {
    all: ['staff'] as const,
    list: (params: Params) => ['staff', params] as const,
    subjects: ['staff-subjects'] as const,
  },
  people: {
    detail: (id: string) => ['person', id] as const,
  },
  organizations: {
    all: ['organizations'] as const,
    list: (params: Params) => ['organizations', params] as const,
    /** Every organization card; `detail(id)` for one. */
    details: ['organization'] as const,
    detail: (id: string) => ['organization', id] as const,
  },
  vacancies: {
    all: ['vacancies'] as const,
    list: (params: Params) => ['vacancies', params] as const,
  },
  staffing: {
    all: ['staffing'] as const,
    list: (params: Params) => ['staffing', params] as const,
  },
  users: {
    all: ['users'] as const,
    list: (params: Params) => ['users', params] as const,
    curators: ['users', 'curators'] as const,
  },
  audit: {
    list: (params: Params) => ['audit', params] as const,
  },
  home: {
    panel: (name: 'people' | 'young' | 'pension' | 'overload') => ['home', name] as const,
  },
  programs: {
    all: ['programs'] as const,
    list: (params: Params) => ['programs', params] as const,
    detail: (id: string) => ['program', id] as const,
  },
  // Sign-in, the catalog's trainings (web-misc).
  auth: {
    /** The signed-in user and their capabilities (`/api/auth/me`). */
    me: ['me'] as const,
    invitation: (token: string) => ['invitation', token] as const,
  },
  trainings: {
    all: ['person-trainings'] as const,
    person: (personId: string) => ['person-trainings', personId] as const,
  },
} as const;
