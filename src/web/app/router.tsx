import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PageLoader } from '../components/page-loader.tsx';
import { RequireAuth, RequirePermission, SetupGate, UnauthorizedHandler } from './gates.tsx';
import { DashboardRoute } from './routes/dashboard.tsx';
import { LoginRoute } from './routes/login.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { SetupRoute } from './routes/setup.tsx';
import { AppLayout } from './shell/app-layout.tsx';

// The heavier pages (tables, date pickers) load when first opened.
const AccountRoute = lazy(async () => ({ default: (await import('./routes/account.tsx')).AccountRoute }));
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

const page = (element: ReactNode) => <Suspense fallback={<PageLoader />}>{element}</Suspense>;

export function AppRouter() {
  return (
    <BrowserRouter>
      <UnauthorizedHandler />
      <Routes>
        <Route element={<SetupGate />}>
          <Route path="/setup" element={<SetupRoute />} />
          <Route path="/login" element={<LoginRoute />} />
          <Route element={<RequireAuth />}>
            <Route element={<AppLayout />}>
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
              <Route path="/settings" element={page(<SettingsRoute />)} />
              <Route path="/mail" element={page(<MailRoute />)} />
              <Route path="*" element={<NotFoundRoute />} />
            </Route>
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
