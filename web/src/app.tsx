import { Badge, createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api/api.ts';
import { FullPageLoader, RequireAuth } from './auth/session.tsx';
import { AppLayout } from './layout/app-layout.tsx';

// Pages load on demand: an old laptop parses only what the user opens.
const LoginPage = lazy(() => import('./pages/login-page.tsx'));
const InvitePage = lazy(() => import('./pages/invite-page.tsx'));
const HomePage = lazy(() => import('./pages/home-page.tsx'));
const ProfilePage = lazy(() => import('./pages/profile-page.tsx'));
const OrganizationsPage = lazy(() => import('./pages/organizations/organizations-page.tsx'));
const OrganizationPage = lazy(() => import('./pages/organizations/organization-page.tsx'));
const StaffPage = lazy(() => import('./pages/staff/staff-page.tsx'));
const PersonPage = lazy(() => import('./pages/people/person-page.tsx'));
const VacanciesPage = lazy(() => import('./pages/vacancies/vacancies-page.tsx'));
const StaffingPage = lazy(() => import('./pages/staffing/staffing-page.tsx'));
const ImportPage = lazy(() => import('./pages/import/import-page.tsx'));
const UsersPage = lazy(() => import('./pages/admin/users-page.tsx'));
const AuditPage = lazy(() => import('./pages/admin/audit-page.tsx'));
const SettingsPage = lazy(() => import('./pages/admin/settings-page.tsx'));
// Individual educational routes (ИОМ), their generation and the curator's workspace.
const RoutesPage = lazy(() => import('./pages/routes/routes-page.tsx'));
const RoutePage = lazy(() => import('./pages/routes/route-page.tsx'));
const GenerationPage = lazy(() => import('./pages/routes/generation-page.tsx'));
const RoutesEffectPage = lazy(() => import('./pages/routes/effect-page.tsx'));
const MyRoutePage = lazy(() => import('./pages/routes/my-route-page.tsx'));
const CuratorPage = lazy(() => import('./pages/curator/curator-page.tsx'));
const NotificationsPage = lazy(() => import('./pages/notifications/notifications-page.tsx'));
// Diagnosis, deficits, catalog and the teacher's cabinet.
const CampaignsPage = lazy(() => import('./pages/assessment/campaigns-page.tsx'));
const CampaignPage = lazy(() => import('./pages/assessment/campaign-page.tsx'));
const ResultsImportPage = lazy(() => import('./pages/assessment/results-import-page.tsx'));
const DeficitsPage = lazy(() => import('./pages/deficits/deficits-page.tsx'));
const CabinetPage = lazy(() => import('./pages/cabinet/cabinet-page.tsx'));
const TakePage = lazy(() => import('./pages/cabinet/take-page.tsx'));
const ProgramsPage = lazy(() => import('./pages/catalog/programs-page.tsx'));
const ProgramPage = lazy(() => import('./pages/catalog/program-page.tsx'));
const CatalogImportPage = lazy(() => import('./pages/catalog/catalog-import-page.tsx'));
const EventPlansPage = lazy(() => import('./pages/events/plans-page.tsx'));
const EventPlanPage = lazy(() => import('./pages/events/plan-page.tsx'));
const EventPage = lazy(() => import('./pages/events/event-page.tsx'));
const CheckInPage = lazy(() => import('./pages/events/check-in-page.tsx'));
const CheckInScanPage = lazy(() => import('./pages/events/check-in-scan-page.tsx'));
const ContestPage = lazy(() => import('./pages/events/contest-page.tsx'));
const VerifyPage = lazy(() => import('./pages/events/verify-page.tsx'));
const EventCalendarPage = lazy(() => import('./pages/events/calendar/calendar-page.tsx'));
// Communities: associations, councils, clubs; the asset, experts and the reserve.
const CommunitiesPage = lazy(() => import('./pages/communities/communities-page.tsx'));
const CommunityPage = lazy(() => import('./pages/communities/community-page.tsx'));
const MembershipsPage = lazy(() => import('./pages/communities/memberships-page.tsx'));
const PracticesPage = lazy(() => import('./pages/practices/practices-page.tsx'));
const PracticePage = lazy(() => import('./pages/practices/practice-page.tsx'));
const MyPracticesPage = lazy(() => import('./pages/practices/my-practices-page.tsx'));
const PracticesModerationPage = lazy(() => import('./pages/practices/moderation-page.tsx'));
// Expert cards (004): templates of the cards.
const ExpertCardsPage = lazy(() => import('./pages/expert-cards/campaigns-page.tsx'));
const ExpertCampaignPage = lazy(() => import('./pages/expert-cards/campaign-page.tsx'));
const ExpertCardPage = lazy(() => import('./pages/expert-cards/card-page.tsx'));
const ExpertTemplatesPage = lazy(() => import('./pages/expert-cards/templates-page.tsx'));
const ExpertTemplatePage = lazy(() => import('./pages/expert-cards/template-page.tsx'));
const FormsPage = lazy(() => import('./pages/monitoring/forms/forms-page.tsx'));
const FormBuilderPage = lazy(() => import('./pages/monitoring/forms/form-builder-page.tsx'));
const FormAssignmentPage = lazy(() => import('./pages/monitoring/forms/assignment-page.tsx'));
const MyFormsPage = lazy(() => import('./pages/monitoring/forms/my-forms-page.tsx'));
const FormFillPage = lazy(() => import('./pages/monitoring/forms/fill-page.tsx'));
// Monitoring: indicator sets and presets, monitorings with drill-down, dashboards.
const IndicatorSetsPage = lazy(() => import('./pages/monitoring/indicators/sets-page.tsx'));
const IndicatorSetPage = lazy(() => import('./pages/monitoring/indicators/set-page.tsx'));
const MonitoringsPage = lazy(() => import('./pages/monitoring/campaigns/monitorings-page.tsx'));
const MonitoringPage = lazy(() => import('./pages/monitoring/campaigns/monitoring-page.tsx'));
const MonitoringDashboardPage = lazy(() => import('./pages/monitoring/dashboard/dashboard-page.tsx'));
// First run with one's own data: the set-up steps, territories, bulk invitations.
const SetupPage = lazy(() => import('./pages/setup/setup-page.tsx'));
const TerritoriesPage = lazy(() => import('./pages/setup/territories-page.tsx'));
const InvitationsPage = lazy(() => import('./pages/setup/invitations-page.tsx'));
const MentoringPage = lazy(() => import('./pages/mentoring/mentoring-page.tsx'));
const MentoringPairPage = lazy(() => import('./pages/mentoring/pair-page.tsx'));
const MyMentoringPage = lazy(() => import('./pages/mentoring/my-mentoring-page.tsx'));
const SupportPage = lazy(() => import('./pages/wellbeing/support-page.tsx'));
const MySupportPage = lazy(() => import('./pages/wellbeing/my-support-page.tsx'));
const SupportSummaryPage = lazy(() => import('./pages/wellbeing/summary-page.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx'));

const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Russian words in capitals are hard to read and get cut off: keep badges in normal case.
    Badge: Badge.extend({ styles: { label: { textTransform: 'none' } } }),
  },
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change on retry; a network blip or a 5xx gets one more try.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
    },
  },
});

export function App() {
  return (
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense fallback={<FullPageLoader />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/invite/:token" element={<InvitePage />} />
                <Route path="/verify/:code" element={<VerifyPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="organizations" element={<OrganizationsPage />} />
                  <Route path="organizations/:id" element={<OrganizationPage />} />
                  <Route path="staff" element={<StaffPage />} />
                  <Route path="people/:id" element={<PersonPage />} />
                  <Route path="vacancies" element={<VacanciesPage />} />
                  <Route path="staffing" element={<StaffingPage />} />
                  <Route path="import" element={<ImportPage />} />
                  <Route path="admin/users" element={<UsersPage />} />
                  <Route path="admin/audit" element={<AuditPage />} />
                  <Route path="admin/settings" element={<SettingsPage />} />
                  <Route path="profile" element={<ProfilePage />} />
                  <Route path="notifications" element={<NotificationsPage />} />
                  <Route path="events" element={<EventPlansPage />} />
                  <Route path="events/plans/:id" element={<EventPlanPage />} />
                  <Route path="calendar" element={<EventCalendarPage />} />
                  <Route path="events/:id" element={<EventPage />} />
                  <Route path="mentoring" element={<MentoringPage />} />
                  <Route path="mentoring/pairs/:id" element={<MentoringPairPage />} />
                  <Route path="my/mentoring" element={<MyMentoringPage />} />
                  <Route path="wellbeing" element={<SupportPage />} />
                  <Route path="wellbeing/summary" element={<SupportSummaryPage />} />
                  <Route path="my/support" element={<MySupportPage />} />
                  <Route path="events/:id/check-in" element={<CheckInPage />} />
                  <Route path="events/:id/contest" element={<ContestPage />} />
                  <Route path="events/check-in/r/:token" element={<CheckInScanPage />} />
                  <Route path="communities" element={<CommunitiesPage />} />
                  <Route path="memberships" element={<MembershipsPage />} />
                  <Route path="communities/:id" element={<CommunityPage />} />
                  <Route path="practices" element={<PracticesPage />} />
                  <Route path="moderation/practices" element={<PracticesModerationPage />} />
                  <Route path="practices/:id" element={<PracticePage />} />
                  <Route path="my/practices" element={<MyPracticesPage />} />
                  <Route path="expert-cards" element={<ExpertCardsPage />} />
                  <Route path="expert-cards/campaigns/:id" element={<ExpertCampaignPage />} />
                  <Route path="expert-cards/cards/:id" element={<ExpertCardPage />} />
                  <Route path="expert-cards/templates" element={<ExpertTemplatesPage />} />
                  <Route path="expert-cards/templates/:id" element={<ExpertTemplatePage />} />
                  <Route path="routes" element={<RoutesPage />} />
                  <Route path="routes/effect" element={<RoutesEffectPage />} />
                  <Route path="routes/generation/:jobId" element={<GenerationPage />} />
                  <Route path="routes/:id" element={<RoutePage />} />
                  <Route path="my/route" element={<MyRoutePage />} />
                  <Route path="curator" element={<CuratorPage />} />
                  <Route path="assessment/campaigns" element={<CampaignsPage />} />
                  <Route path="assessment/campaigns/:id" element={<CampaignPage />} />
                  <Route path="assessment/results-import" element={<ResultsImportPage />} />
                  <Route path="deficits" element={<DeficitsPage />} />
                  <Route path="cabinet" element={<CabinetPage />} />
                  <Route path="cabinet/assessments/:campaignId/:instrumentId" element={<TakePage />} />
                  <Route path="catalog/programs" element={<ProgramsPage />} />
                  <Route path="catalog/programs/:id" element={<ProgramPage />} />
                  <Route path="catalog/import" element={<CatalogImportPage />} />
                  <Route path="monitoring/forms" element={<FormsPage />} />
                  <Route path="monitoring/forms/new" element={<FormBuilderPage />} />
                  <Route path="monitoring/forms/assignments/:id" element={<FormAssignmentPage />} />
                  <Route path="monitoring/forms/:id" element={<FormBuilderPage />} />
                  <Route path="monitoring/my-forms" element={<MyFormsPage />} />
                  <Route path="monitoring/my-forms/:id" element={<FormFillPage />} />
                  <Route path="monitoring/indicators" element={<IndicatorSetsPage />} />
                  <Route path="monitoring/indicators/:id" element={<IndicatorSetPage />} />
                  <Route path="monitoring/campaigns" element={<MonitoringsPage />} />
                  <Route path="monitoring/campaigns/:id" element={<MonitoringPage />} />
                  <Route path="monitoring/dashboard" element={<MonitoringDashboardPage />} />
                  <Route path="monitoring/dashboard/:setId" element={<MonitoringDashboardPage />} />
                  <Route path="setup" element={<SetupPage />} />
                  <Route path="territories" element={<TerritoriesPage />} />
                  <Route path="invitations" element={<InvitationsPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>
  );
}
