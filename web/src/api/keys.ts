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
    options: (params: Params) => ['organizations', 'options', params] as const,
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
  // Diagnosis, deficits, the teacher's cabinet, routes and their generation jobs.
  frameworks: ['competency-frameworks'] as const,
  instruments: ['instruments'] as const,
  campaigns: {
    all: ['assessment-campaigns'] as const,
    detail: (id: string) => ['assessment-campaigns', id] as const,
    progress: (id: string) => ['assessment-campaigns', id, 'progress'] as const,
  },
  deficits: {
    /** Every deficit view: a person's levels, the heatmap, the people behind a cell. */
    all: ['deficits'] as const,
    person: (personId: string, frameworkId: string) => ['deficits', 'person', personId, frameworkId] as const,
    heatmap: (params: Params) => ['deficits', 'heatmap', params] as const,
    people: (params: Params) => ['deficits', 'people', params] as const,
  },
  cabinet: {
    /** The teacher's assessments and every sheet of them. */
    assessments: ['cabinet', 'assessments'] as const,
    sheet: (campaignId: string, instrumentId: string) =>
      ['cabinet', 'assessments', campaignId, instrumentId] as const,
  },
  routes: {
    /** Every route view: lists, cards, the curator's queue, effect and measures. */
    all: ['routes'] as const,
    list: (params: Params) => ['routes', 'list', params] as const,
    card: (id: string) => ['routes', 'card', id] as const,
    effect: (id: string) => ['routes', 'effect', id] as const,
    effectSummary: (params: Params) => ['routes', 'effect-summary', params] as const,
    measures: (params: Params) => ['routes', 'measures', params] as const,
    mine: ['routes', 'my'] as const,
    curated: ['routes', 'curated'] as const,
    confirmations: ['routes', 'confirmations'] as const,
  },
  jobs: {
    list: (kind: string) => ['jobs', 'list', kind] as const,
    detail: (id: string) => ['jobs', id] as const,
  },
  // Sign-in, the catalog's trainings.
  auth: {
    /** The signed-in user and their capabilities (`/api/auth/me`). */
    me: ['me'] as const,
    invitation: (token: string) => ['invitation', token] as const,
  },
  trainings: {
    all: ['person-trainings'] as const,
    person: (personId: string) => ['person-trainings', personId] as const,
  },
  // ---------- monitoring: indicator sets, values, monitorings; data-collection forms ----------
  indicatorSets: {
    /** Every set's list, card, live values, dashboard, clusters and comparison. */
    all: ['indicator-sets'] as const,
    list: ['indicator-sets', 'list'] as const,
    /** The card; also the prefix of everything computed from the set. */
    detail: (id: string) => ['indicator-sets', id] as const,
    values: (id: string, params: Params) => ['indicator-sets', id, 'values', params] as const,
    dashboard: (id: string, year: number) => ['indicator-sets', id, 'dashboard', year] as const,
    clusters: (id: string, params: Params) => ['indicator-sets', id, 'clusters', params] as const,
    compare: (id: string) => ['indicator-sets', id, 'compare'] as const,
  },
  indicatorPresets: ['indicator-presets'] as const,
  measures: ['measures'] as const,
  formulaCheck: (check: Params) => ['formula-check', check] as const,
  manualValues: {
    all: ['manual-values'] as const,
    list: (params: Params) => ['manual-values', params] as const,
  },
  monitorings: {
    all: ['monitorings'] as const,
    list: ['monitorings', 'list'] as const,
    detail: (id: string) => ['monitorings', id] as const,
    drilldown: (id: string, params: Params) => ['monitorings', id, 'drilldown', params] as const,
  },
  /** Forms, their assignments and answers all sit under `forms.all`. */
  forms: {
    all: ['forms'] as const,
    list: ['forms', 'list'] as const,
    detail: (id: string) => ['forms', 'form', id] as const,
    measureCodes: ['forms', 'measure-codes'] as const,
  },
  formAssignments: {
    all: ['forms', 'assignments'] as const,
    list: (formId: string | null) => ['forms', 'assignments', 'list', formId] as const,
    detail: (id: string) => ['forms', 'assignments', id] as const,
  },
  formSubmissions: {
    all: ['forms', 'submissions'] as const,
    mine: ['forms', 'submissions', 'mine'] as const,
    detail: (id: string) => ['forms', 'submissions', id] as const,
  },
  // First run with one's own data: the set-up steps, territories with counts, bulk invitations.
  setup: {
    /** Everything the set-up pages show: invalidated after any territory or registry change. */
    all: ['setup'] as const,
    status: ['setup', 'status'] as const,
    territories: ['setup', 'territories'] as const,
    bulkPreview: (params: Params) => ['setup', 'bulk-preview', params] as const,
  },
  // Notifications: the bell and the list, preferences, the admin's outbox.
  notifications: {
    all: ['notifications'] as const,
    list: (params: Params) => ['notifications', 'list', params] as const,
    preferences: ['notifications', 'preferences'] as const,
    outbox: (params: Params) => ['notifications', 'outbox', params] as const,
  },
  // The home page's day's work: what the caller has to do today, counted and linked.
  homeWork: {
    today: ['home-work'] as const,
  },
  // The preset competency frameworks an empty install offers to load (under `frameworks`, refreshed with them).
  frameworkPresets: ['competency-frameworks', 'presets'] as const,
  // The header's search over people, organizations and programs.
  search: {
    results: (q: string) => ['search', q] as const,
  },
} as const;
