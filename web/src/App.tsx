import {
  AppShell,
  Burger,
  Center,
  Group,
  Loader,
  NavLink,
  ScrollArea,
  Select,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  Navigate,
  Outlet,
  Route,
  Routes,
  useLocation,
  useNavigate,
  useParams,
  Link,
} from 'react-router-dom';
import { can, client, landingFor, type Membership, type Permission } from './api';
import { LanguageToggle } from './LanguageToggle';
import { Logo } from './Logo';
import { LoginPage } from './pages/Login';
import { DashboardPage } from './pages/Dashboard';
import { KasirPage } from './pages/Kasir';
import { PosPage } from './pages/shop/Pos';
import { TokoPage } from './pages/shop/Toko';
import { PasarPage } from './pages/marketplace/Pasar';
import { PesananStatusPage } from './pages/marketplace/PesananStatus';
import { AnggotaPage } from './pages/Anggota';
import { MembersPage } from './pages/Members';
import { LoansPage } from './pages/loans/LoansPage';
import { AuditPage } from './pages/Audit';
import { ApprovalsPage } from './pages/Approvals';
import { UsersPage } from './pages/Users';
import { PasswordPage } from './pages/Password';
import { StatementsPage } from './pages/Statements';
import { AccountsPage } from './pages/Accounts';
import { JournalPage } from './pages/Journal';
import { BooksPage } from './pages/Books';
import { RegistryPage } from './pages/Registry';
import { DinasDashboardPage } from './pages/dinas/Dashboard';
import { DinasCooperativePage } from './pages/dinas/Cooperative';
import { OpenDataPage } from './pages/OpenData';
import { AssessmentsPage } from './pages/dinas/Assessments';
import { WatchListPage } from './pages/dinas/WatchList';
import { OfficerQueuePage } from './pages/dinas/OfficerQueue';
import { RatCompliancePage } from './pages/dinas/RatCompliance';
import { MediationPage } from './pages/dinas/Mediation';
import { InspectionsPage } from './pages/dinas/Inspections';
import { TrainingPage } from './pages/dinas/Training';
import { KoperasiModernPage } from './pages/dinas/KoperasiModern';
import { FundingReferralsPage } from './pages/dinas/FundingReferrals';
import { DinasReportsPage } from './pages/dinas/Reports';
import { ReportsToDinasPage } from './pages/ReportsToDinas';
import { BagiHasilPage } from './pages/BagiHasil';
import { BaitulMaalPage } from './pages/BaitulMaal';
import { DpsPage } from './pages/Dps';
import { ShuPage } from './pages/Shu';
import { KelolaMlijoPage } from './pages/mlijo/Kelola';
import { MlijoPage } from './pages/mlijo/Mlijo';
import { PesanPage } from './pages/mlijo/Pesan';
import { RatPage } from './pages/rat/RatPage';
import { SessionProvider, useSession } from './session';
import type { ReactElement } from 'react';

/**
 * The pages of an organisation, in menu order: each is /o/:orgId/<path>, its menu item is labelled
 * nav.<path> and tagged nav-<path>, and shows for those holding the permission the page reads with
 * (the one its route requires, docs/permissions.md); the session carries each membership's
 * permissions.
 */
const PAGES: [path: string, Page: () => ReactElement, permission: Permission | null][] = [
  ['dashboard', DashboardPage, 'org.read'],
  ['kasir', KasirPage, 'cashdesk.operate'],
  ['toko/kasir', PosPage, 'shop.sell'],
  ['toko', TokoPage, 'shop.read'],
  ['mlijo/kelola', KelolaMlijoPage, 'shop.manage'],
  ['mlijo', MlijoPage, 'mlijo.vendor'],
  ['anggota', AnggotaPage, 'self.read'],
  ['members', MembersPage, 'members.read'],
  ['loans', LoansPage, 'loans.read'],
  ['statements', StatementsPage, 'reports.read'],
  ['accounts', AccountsPage, 'accounts.read'],
  ['journal', JournalPage, 'accounts.read'],
  ['books', BooksPage, 'accounts.read'],
  ['shu', ShuPage, 'shu.manage'],
  ['rat', RatPage, 'rat.read'],
  ['approvals', ApprovalsPage, 'approvals.read'],
  ['reports-to-dinas', ReportsToDinasPage, 'reports.read'],
  ['baitul-maal', BaitulMaalPage, 'baitulmaal.read'],
  ['dps', DpsPage, 'dps.read'],
  ['bagi-hasil', BagiHasilPage, 'reports.read'],
  ['my-work', OfficerQueuePage, 'registry.read'],
  ['supervision', DinasDashboardPage, 'registry.read'],
  ['assessments', AssessmentsPage, 'registry.read'],
  ['watch-list', WatchListPage, 'registry.read'],
  ['rat-compliance', RatCompliancePage, 'registry.read'],
  ['mediation', MediationPage, 'dinas.mediation'],
  ['inspections', InspectionsPage, 'registry.read'],
  ['training', TrainingPage, 'registry.read'],
  ['koperasi-modern', KoperasiModernPage, 'registry.read'],
  ['funding', FundingReferralsPage, 'registry.read'],
  ['registry', RegistryPage, 'registry.read'],
  ['supervision-reports', DinasReportsPage, 'supervision.reports.read'],
  ['audit', AuditPage, 'audit.read'],
  ['users', UsersPage, 'users.read'],
  ['password', PasswordPage, null],
];

/** Pages only a sharia cooperative (KSPPS) has. */
const KSPPS_ONLY = new Set(['baitul-maal', 'bagi-hasil', 'dps']);

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/data/:regionCode" element={<OpenDataPage />} />
        <Route path="/pesan/:cooperativeId/:token" element={<PesanPage />} />
        <Route path="/pasar/:cooperativeId" element={<PasarPage />} />
        <Route path="/pasar/:cooperativeId/pesanan/:token" element={<PesananStatusPage />} />
        <Route path="/o/:orgId" element={<Shell />}>
          {PAGES.map(([path, Page]) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route path="supervision/:registryId" element={<DinasCooperativePage />} />
        </Route>
        <Route path="*" element={<Home />} />
      </Routes>
    </SessionProvider>
  );
}

function Home() {
  const { session, loading } = useSession();
  if (loading) return <FullPageLoader />;
  const first = session?.memberships[0];
  if (!session || !first) return <Navigate to="/login" replace />;
  return <Navigate to={landingFor(first)} replace />;
}

function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}

/** The organisation in the address (/o/:orgId/…); every page below the shell has one. */
export function useOrgId(): string {
  const { orgId } = useParams();
  if (!orgId) throw new Error('useOrgId outside /o/:orgId');
  return orgId;
}

export function useMembership(): Membership | undefined {
  const { orgId } = useParams();
  const { session } = useSession();
  return session?.memberships.find((m) => m.organizationId === orgId);
}

/** Whether the signed-in user may do something in this organisation. */
export function useCan(): (p: Permission) => boolean {
  const m = useMembership();
  return (p) => can(m, p);
}

function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { session, loading, setSession } = useSession();
  const membership = useMembership();
  const navigate = useNavigate();
  const location = useLocation();
  if (loading) return <FullPageLoader />;
  if (!session) return <Navigate to="/login" replace />;
  if (!membership) {
    const first = session.memberships[0];
    return first ? <Navigate to={landingFor(first)} replace /> : <Navigate to="/login" replace />;
  }
  const items = PAGES.filter(
    ([path, , permission]) =>
      (permission === null || can(membership, permission)) &&
      // the baitul maal is a sharia cooperative's (KSPPS/BMT) own unit
      (!KSPPS_ONLY.has(path) || membership.cooperativeType === 'KSPPS'),
  );
  const logout = async () => {
    await client.POST('/api/v1/auth/logout').catch(() => undefined);
    setSession(null);
    void navigate('/login');
  };
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              data-testid="burger"
              aria-label="menu"
            />
            <Logo />
            <Text fw={700} visibleFrom="xs">
              Sokoguru
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {session.memberships.length > 1 && (
              <Select
                data-testid="org-switcher"
                aria-label={t('org.switch')}
                size="xs"
                w={{ base: 150, sm: 260 }}
                value={membership.organizationId}
                allowDeselect={false}
                data={session.memberships.map((m) => ({
                  value: m.organizationId,
                  label: m.organizationName,
                }))}
                onChange={(v) => {
                  const m = session.memberships.find((x) => x.organizationId === v);
                  if (m) void navigate(landingFor(m));
                }}
              />
            )}
            <LanguageToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pt="xs">
            {membership.organizationName}
          </Text>
          <Text size="sm" fw={500} px="sm" pb="xs" data-testid="user-name">
            {session.user.fullName}
          </Text>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          {items.map(([path]) => (
            <NavLink
              key={path}
              component={Link}
              to={`/o/${membership.organizationId}/${path}`}
              label={t(`nav.${path}`)}
              active={location.pathname.endsWith(`/${path}`)}
              // filled: the light variant's text on its hover shade is 4.0:1, below WCAG 2 AA
              variant="filled"
              onClick={close}
              data-testid={`nav-${path}`}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <NavLink label={t('nav.logout')} onClick={() => void logout()} data-testid="logout" />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

export function PageTitle({ children }: { children: string }) {
  return (
    <Title order={2} mb="md" data-testid="page-title">
      {children}
    </Title>
  );
}
