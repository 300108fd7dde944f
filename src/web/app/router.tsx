import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PageLoader } from '../components/page-loader.tsx';
import { RequireAuth, RequirePermission, SetupGate, UnauthorizedHandler } from './gates.tsx';
import { DashboardRoute } from './routes/dashboard.tsx';
import { LoginRoute } from './routes/login.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { SetupRoute } from './routes/setup.tsx';
import { AppLayout } from './shell/app-layout.tsx';
import { PortalLayout, StaffOnly } from './shell/portal-layout.tsx';

// The heavier pages (tables, date pickers) load when first opened.
const AccountRoute = lazy(async () => ({ default: (await import('./routes/account.tsx')).AccountRoute }));
const TwoFactorSetupRoute = lazy(async () => ({
  default: (await import('./routes/account.tsx')).TwoFactorSetupRoute,
}));
const InviteRoute = lazy(async () => ({ default: (await import('./routes/invite.tsx')).InviteRoute }));
const PublicSubprocessorsRoute = lazy(async () => ({
  default: (await import('./routes/public-subprocessors.tsx')).PublicSubprocessorsRoute,
}));
const ResetPasswordRoute = lazy(async () => ({
  default: (await import('./routes/reset-password.tsx')).ResetPasswordRoute,
}));
const ResetPasswordConfirmRoute = lazy(async () => ({
  default: (await import('./routes/reset-password.tsx')).ResetPasswordConfirmRoute,
}));
const AuditRoute = lazy(async () => ({ default: (await import('./routes/audit.tsx')).AuditRoute }));
const CustomersRoute = lazy(async () => ({
  default: (await import('./routes/customers.tsx')).CustomersRoute,
}));
const CustomerDetailRoute = lazy(async () => ({
  default: (await import('./routes/customer-detail.tsx')).CustomerDetailRoute,
}));
const RegisterRoute = lazy(async () => ({ default: (await import('./routes/register.tsx')).RegisterRoute }));
const SettingsRoute = lazy(async () => ({ default: (await import('./routes/settings.tsx')).SettingsRoute }));
const MailRoute = lazy(async () => ({ default: (await import('./routes/mail.tsx')).MailRoute }));
const DocumentsRoute = lazy(async () => ({
  default: (await import('./routes/documents.tsx')).DocumentsRoute,
}));
const SubprocessorsRoute = lazy(async () => ({
  default: (await import('../features/subprocessors/components/subprocessors-page.tsx')).SubprocessorsPage,
}));
const SubprocessorDetailRoute = lazy(async () => ({
  default: (await import('../features/subprocessors/components/subprocessor-detail-page.tsx'))
    .SubprocessorDetailPage,
}));
const ProposalFormRoute = lazy(async () => ({
  default: (await import('../features/subprocessors/components/proposal-form-page.tsx')).ProposalFormPage,
}));
const ProposalRoute = lazy(async () => ({
  default: (await import('../features/subprocessors/components/proposal-page.tsx')).ProposalPage,
}));
const BreachesRoute = lazy(async () => ({
  default: (await import('../features/breaches/components/breaches-page.tsx')).BreachesPage,
}));
const IncidentFormRoute = lazy(async () => ({
  default: (await import('../features/breaches/components/incident-form-page.tsx')).IncidentFormPage,
}));
const IncidentDetailRoute = lazy(async () => ({
  default: (await import('../features/breaches/components/incident-detail-page.tsx')).IncidentDetailPage,
}));
const RequestsRoute = lazy(async () => ({
  default: (await import('../features/requests/components/requests-page.tsx')).RequestsPage,
}));
const RequestFormRoute = lazy(async () => ({
  default: (await import('../features/requests/components/request-form-page.tsx')).RequestFormPage,
}));
const RequestDetailRoute = lazy(async () => ({
  default: (await import('../features/requests/components/request-detail-page.tsx')).RequestDetailPage,
}));
// The customer portal (/portal/*): its own pages, for portal users only.
const PortalOverviewRoute = lazy(async () => ({
  default: (await import('./routes/portal-overview.tsx')).PortalOverviewRoute,
}));
const PortalDpaRoute = lazy(async () => ({
  default: (await import('./routes/portal-dpa.tsx')).PortalDpaRoute,
}));
const PortalRegisterRoute = lazy(async () => ({
  default: (await import('./routes/portal-register.tsx')).PortalRegisterRoute,
}));
const PortalSubprocessorsRoute = lazy(async () => ({
  default: (await import('./routes/portal-subprocessors.tsx')).PortalSubprocessorsRoute,
}));
const PortalInstructionsRoute = lazy(async () => ({
  default: (await import('./routes/portal-instructions.tsx')).PortalInstructionsRoute,
}));
const PortalContactsRoute = lazy(async () => ({
  default: (await import('./routes/portal-contacts.tsx')).PortalContactsRoute,
}));
const PortalUsersRoute = lazy(async () => ({
  default: (await import('./routes/portal-users.tsx')).PortalUsersRoute,
}));
const PortalDocumentsRoute = lazy(async () => ({
  default: (await import('./routes/portal-documents.tsx')).PortalDocumentsRoute,
}));
const PortalRequestsRoute = lazy(async () => ({
  default: (await import('../features/portal-requests/components/portal-requests-page.tsx'))
    .PortalRequestsPage,
}));
const PortalRequestFormRoute = lazy(async () => ({
  default: (await import('../features/portal-requests/components/portal-request-form-page.tsx'))
    .PortalRequestFormPage,
}));
const PortalRequestDetailRoute = lazy(async () => ({
  default: (await import('../features/portal-requests/components/portal-request-detail-page.tsx'))
    .PortalRequestDetailPage,
}));
const PortalBreachesRoute = lazy(async () => ({
  default: (await import('./routes/portal-breaches.tsx')).PortalBreachesRoute,
}));

const page = (element: ReactNode) => <Suspense fallback={<PageLoader />}>{element}</Suspense>;

export function AppRouter() {
  return (
    <BrowserRouter>
      <UnauthorizedHandler />
      <Routes>
        <Route element={<SetupGate />}>
          <Route path="/setup" element={<SetupRoute />} />
          <Route path="/login" element={<LoginRoute />} />
          <Route path="/reset-password" element={page(<ResetPasswordRoute />)} />
          <Route path="/reset-password/:token" element={page(<ResetPasswordConfirmRoute />)} />
          <Route path="/invite/:token" element={page(<InviteRoute />)} />
          <Route path="/subverwerkers" element={page(<PublicSubprocessorsRoute />)} />
          <Route element={<RequireAuth />}>
            <Route path="/two-factor-setup" element={page(<TwoFactorSetupRoute />)} />
            <Route path="/portal" element={<PortalLayout />}>
              <Route index element={page(<PortalOverviewRoute />)} />
              <Route path="dpa" element={page(<PortalDpaRoute />)} />
              <Route path="register" element={page(<PortalRegisterRoute />)} />
              <Route path="subprocessors" element={page(<PortalSubprocessorsRoute />)} />
              <Route path="instructions" element={page(<PortalInstructionsRoute />)} />
              <Route path="contacts" element={page(<PortalContactsRoute />)} />
              <Route path="documents" element={page(<PortalDocumentsRoute />)} />
              <Route path="breaches" element={page(<PortalBreachesRoute />)} />
              <Route path="requests" element={page(<PortalRequestsRoute />)} />
              <Route path="requests/new" element={page(<PortalRequestFormRoute />)} />
              <Route path="requests/:requestId" element={page(<PortalRequestDetailRoute />)} />
              <Route path="users" element={page(<PortalUsersRoute />)} />
              <Route path="account" element={page(<AccountRoute />)} />
              <Route path="*" element={<NotFoundRoute />} />
            </Route>
            <Route
              element={
                <StaffOnly>
                  <AppLayout />
                </StaffOnly>
              }
            >
              <Route index element={<DashboardRoute />} />
              <Route path="/account" element={page(<AccountRoute />)} />
              <Route path="/customers" element={page(<CustomersRoute />)} />
              <Route path="/customers/:id" element={page(<CustomerDetailRoute />)} />
              <Route
                path="/audit"
                element={
                  <RequirePermission permission="audit.read">{page(<AuditRoute />)}</RequirePermission>
                }
              />
              <Route path="/register" element={page(<RegisterRoute />)} />
              <Route path="/subprocessors" element={page(<SubprocessorsRoute />)} />
              <Route path="/subprocessors/proposals/new" element={page(<ProposalFormRoute />)} />
              <Route path="/subprocessors/proposals/:proposalId" element={page(<ProposalRoute />)} />
              <Route path="/subprocessors/:partyId" element={page(<SubprocessorDetailRoute />)} />
              <Route path="/breaches" element={page(<BreachesRoute />)} />
              <Route path="/breaches/new" element={page(<IncidentFormRoute />)} />
              <Route path="/breaches/:incidentId" element={page(<IncidentDetailRoute />)} />
              <Route path="/requests" element={page(<RequestsRoute />)} />
              <Route path="/requests/new" element={page(<RequestFormRoute />)} />
              <Route path="/requests/:requestId" element={page(<RequestDetailRoute />)} />
              <Route path="/settings" element={page(<SettingsRoute />)} />
              <Route path="/mail" element={page(<MailRoute />)} />
              <Route path="/documents" element={page(<DocumentsRoute />)} />
              <Route path="*" element={<NotFoundRoute />} />
            </Route>
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
