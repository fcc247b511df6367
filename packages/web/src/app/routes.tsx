import { lazy } from 'react';
import type { ComponentType } from 'react';
import type { Namespace, ShellKey } from '../i18n/namespaces.ts';
import type { RouteAccess } from './access.ts';
import { WORKSPACES } from './workspaces.ts';
import type { WorkspaceId } from './workspaces.ts';
import SignInPage from '../features/auth/SignInPage.tsx';
import WorkspacePage from '../features/workspaces/WorkspacePage.tsx';

/**
 * One page of the app. Access: exactly one of `public`, `open`, `anyUser`, `permission`, `roles`
 * (default deny). `permission` is the one the API behind the page demands, so the web hides
 * exactly what the API forbids.
 */
export interface AppRoute extends RouteAccess {
  /** `/kasus/:id`: segments starting with `:` are params (`useParams()`). */
  path: string;
  /** The page; features use `lazy(() => import(...))` so each loads only when opened. */
  component: ComponentType;
  /**
   * The message namespaces the page uses besides `common` and `auth` (`useT('<ns>')`, its
   * components' included): loaded together with the page's code. One left out still loads,
   * when the page asks for it, a round trip later; one needed only on a rare branch may be
   * left to the page (`usePreloadNamespaces`). `routes.test.ts` checks the list.
   */
  namespaces?: readonly Namespace[];
  /** Shown in the navigation under this label when the user may open it: a `nav.*` key (loaded up front). */
  navKey?: ShellKey;
  /** Workspaces whose page links to this feature. */
  workspaces?: readonly WorkspaceId[];
}

/**
 * The route table. A feature adds its pages here, one line each, with the page in
 * `src/features/<feature>/` exporting it as default:
 *
 *   { path: '/kasus', component: lazy(() => import('../features/cases/CaseListPage.tsx')), namespaces: ['cases'],
 *     permission: 'cases.read', navKey: 'cases:nav.cases', workspaces: ['back-office'] },
 */
export const ROUTES: readonly AppRoute[] = [
  { path: '/masuk', component: SignInPage, public: true },
  ...WORKSPACES.map((w): AppRoute => ({ path: w.path, component: WorkspacePage, roles: w.roles, navKey: w.title })),
  { path: '/akun/kata-sandi', component: lazy(() => import('../features/auth/ChangePasswordPage.tsx')), anyUser: true },
  // work completed offline, waiting to be sent (issue 13 item 5); its words are in common (proposals for a verdict)
  { path: '/kotak-keluar', component: lazy(() => import('../features/outbox/OutboxPage.tsx')), namespaces: ['proposals'], anyUser: true },

  // admin
  { path: '/admin/pengguna', component: lazy(() => import('../features/admin/UsersPage.tsx')), namespaces: ['admin'], permission: 'users.manage', navKey: 'admin:nav.users', workspaces: ['admin'] },
  { path: '/admin/pengguna/baru', component: lazy(() => import('../features/admin/NewUserPage.tsx')), namespaces: ['admin'], permission: 'users.manage' },

  // cases and intake (issue 4); /kasus/papan before /kasus/:id
  { path: '/kantor-depan/penerimaan', component: lazy(() => import('../features/intake/IntakePage.tsx')), namespaces: ['intake', 'cases', 'programs', 'registry'], permission: 'cases.create', navKey: 'intake:nav.intake', workspaces: ['front-office', 'field'] },
  { path: '/kasus', component: lazy(() => import('../features/cases/CaseListPage.tsx')), namespaces: ['cases'], permission: 'cases.read', navKey: 'cases:nav.cases', workspaces: ['front-office', 'back-office', 'field', 'supervisor', 'kabupaten'] },
  { path: '/kasus/papan', component: lazy(() => import('../features/cases/BoardPage.tsx')), namespaces: ['cases'], permission: 'cases.read', navKey: 'cases:nav.board', workspaces: ['supervisor', 'kabupaten'] },
  { path: '/kasus/:id', component: lazy(() => import('../features/cases/CasePage.tsx')), namespaces: ['admin', 'cases', 'referrals'], permission: 'cases.read' },
  { path: '/kasus/:id/tanda-terima', component: lazy(() => import('../features/cases/ReceiptPage.tsx')), namespaces: ['cases'], permission: 'cases.read' },
  { path: '/kasus/:id/surat/:letterId', component: lazy(() => import('../features/cases/LetterPage.tsx')), namespaces: ['cases'], permission: 'cases.read' },
  { path: '/lacak', component: lazy(() => import('../features/cases/TrackPage.tsx')), namespaces: ['cases'], open: true },
  { path: '/verifikasi/:token', component: lazy(() => import('../features/cases/VerifyLetterPage.tsx')), namespaces: ['cases'], open: true },

  // registry (issue 3)
  { path: '/registri', component: lazy(() => import('../features/registry/SearchPage.tsx')), namespaces: ['registry'], permission: 'registry.read', navKey: 'registry:nav.search', workspaces: ['front-office', 'back-office', 'field', 'supervisor', 'kabupaten'] },
  { path: '/registri/impor', component: lazy(() => import('../features/registry/ImportPage.tsx')), namespaces: ['registry'], permission: 'registry.import', navKey: 'registry:nav.import', workspaces: ['kabupaten', 'admin'] },
  // programs (issue 15)
  { path: '/program', component: lazy(() => import('../features/programs/ProgramsPage.tsx')), namespaces: ['programs'], permission: 'programs.read', navKey: 'programs:nav.programs', workspaces: ['kabupaten'] },
  { path: '/program/dasbor', component: lazy(() => import('../features/programs/ProgramDashboardPage.tsx')), namespaces: ['programs'], permission: 'stats.read', navKey: 'programs:nav.dashboard', workspaces: ['kabupaten', 'supervisor'] },
  { path: '/program/:code/sasaran', component: lazy(() => import('../features/programs/TargetingPage.tsx')), namespaces: ['programs', 'registry'], permission: 'programs.targeting' },
  { path: '/program/:code', component: lazy(() => import('../features/programs/ProgramPage.tsx')), namespaces: ['programs'], permission: 'programs.read' },
  { path: '/registri/rumah-tangga/:id', component: lazy(() => import('../features/registry/HouseholdPage.tsx')), namespaces: ['cases', 'registry', 'proposals', 'programs'], permission: 'registry.read' },
  { path: '/registri/data-ganda', component: lazy(() => import('../features/registry/DuplicatesPage.tsx')), namespaces: ['registry'], permission: 'registry.duplicates.review', navKey: 'registry:nav.duplicates', workspaces: ['kabupaten', 'back-office'] },
  { path: '/registri/data-ganda/:id', component: lazy(() => import('../features/registry/PairReviewPage.tsx')), namespaces: ['registry'], permission: 'registry.duplicates.review' },
  { path: '/registri/orang/:id', component: lazy(() => import('../features/registry/PersonPage.tsx')), namespaces: ['registry', 'proposals'], permission: 'registry.read' },

  // registry proposals (issue 6); the fixed paths before /usulan/:id
  { path: '/usulan', component: lazy(() => import('../features/proposals/ProposalListPage.tsx')), namespaces: ['proposals'], permission: 'proposals.read', navKey: 'proposals:nav.proposals', workspaces: ['front-office', 'back-office', 'field', 'supervisor', 'kabupaten'] },
  { path: '/usulan/baru', component: lazy(() => import('../features/proposals/NewProposalPage.tsx')), namespaces: ['proposals', 'registry'], permission: 'proposals.create' },
  { path: '/usulan/ronde', component: lazy(() => import('../features/proposals/RoundsPage.tsx')), namespaces: ['proposals'], permission: 'proposals.read', navKey: 'proposals:nav.rounds', workspaces: ['back-office', 'supervisor', 'kabupaten'] },
  { path: '/usulan/ronde/:id', component: lazy(() => import('../features/proposals/RoundsPage.tsx').then((m) => ({ default: m.RoundPage }))), namespaces: ['proposals'], permission: 'proposals.read' },
  { path: '/usulan/kiriman', component: lazy(() => import('../features/proposals/SubmissionsPage.tsx')), namespaces: ['proposals'], permission: 'proposals.submit', navKey: 'proposals:nav.submissions', workspaces: ['kabupaten'] },
  { path: '/usulan/rekap', component: lazy(() => import('../features/proposals/ProgressPage.tsx')), namespaces: ['proposals'], permission: 'proposals.read', navKey: 'proposals:nav.progress', workspaces: ['supervisor', 'kabupaten'] },
  { path: '/usulan/pengaturan', component: lazy(() => import('../features/proposals/SettingsPage.tsx')), namespaces: ['proposals'], permission: 'proposals.approve', navKey: 'proposals:nav.settings', workspaces: ['kabupaten'] },
  { path: '/usulan/:id', component: lazy(() => import('../features/proposals/ProposalPage.tsx')), namespaces: ['proposals'], permission: 'proposals.read' },
  { path: '/usulan/:id/verifikasi', component: lazy(() => import('../features/proposals/VerifyPage.tsx')), namespaces: ['proposals'], permission: 'proposals.verify' },

  // referral network (issue 5): referrals, partner workspace, directory; fixed paths before :id
  { path: '/rujukan', component: lazy(() => import('../features/referrals/ReferralListPage.tsx')), namespaces: ['referrals'], permission: 'referrals.create', navKey: 'referrals:nav.referrals', workspaces: ['back-office', 'supervisor', 'kabupaten'] },
  { path: '/rujukan/baru', component: lazy(() => import('../features/referrals/NewReferralPage.tsx')), namespaces: ['referrals'], permission: 'referrals.create' },
  { path: '/rujukan/papan', component: lazy(() => import('../features/referrals/ReferralBoardPage.tsx')), namespaces: ['referrals'], permission: 'referrals.board', navKey: 'referrals:nav.board', workspaces: ['supervisor', 'kabupaten'] },
  { path: '/rujukan/:id', component: lazy(() => import('../features/referrals/ReferralPage.tsx')), namespaces: ['referrals'], permission: 'referrals.read' },
  { path: '/notifikasi', component: lazy(() => import('../features/referrals/NotificationsPage.tsx')), namespaces: ['referrals'], permission: 'notifications.read', navKey: 'referrals:nav.notifications', workspaces: ['front-office', 'back-office', 'field', 'partner', 'supervisor', 'kabupaten', 'admin', 'privacy'] },
  { path: '/lacak-rujukan/:code', component: lazy(() => import('../features/referrals/TrackReferralPage.tsx')), namespaces: ['referrals', 'cases'], open: true },
  { path: '/mitra/rujukan', component: lazy(() => import('../features/partner/PartnerInboxPage.tsx')), namespaces: ['referrals'], permission: 'referrals.respond', navKey: 'referrals:nav.inbox', workspaces: ['partner'] },
  { path: '/mitra/rujukan/:id', component: lazy(() => import('../features/partner/PartnerReferralPage.tsx')), namespaces: ['referrals', 'programs'], permission: 'referrals.respond' },
  { path: '/mitra/bantuan', component: lazy(() => import('../features/partner/PartnerAssistancePage.tsx')), namespaces: ['programs'], permission: 'assistance.record', navKey: 'programs:nav.partnerAssistance', workspaces: ['partner'] },
  { path: '/mitra/profil', component: lazy(() => import('../features/partner/PartnerProfilePage.tsx')), namespaces: ['directory'], permission: 'directory.manage_own', navKey: 'referrals:nav.profile', workspaces: ['partner'] },
  { path: '/mitra/layanan/baru', component: lazy(() => import('../features/directory/ServiceFormPage.tsx')), namespaces: ['referrals', 'directory'], permission: 'directory.manage_own' },
  { path: '/mitra/layanan/:id/ubah', component: lazy(() => import('../features/directory/ServiceFormPage.tsx')), namespaces: ['referrals', 'directory'], permission: 'directory.manage_own' },
  { path: '/tautan-rujukan/:token', component: lazy(() => import('../features/partner/LinkReferralPage.tsx')), namespaces: ['referrals'], open: true },
  { path: '/direktori', component: lazy(() => import('../features/directory/DirectoryPage.tsx')), namespaces: ['directory'], permission: 'directory.read', navKey: 'directory:nav.directory', workspaces: ['front-office', 'back-office', 'field', 'partner', 'supervisor', 'kabupaten', 'admin'] },
  { path: '/direktori/organisasi/baru', component: lazy(() => import('../features/directory/OrganizationFormPage.tsx')), namespaces: ['directory'], permission: 'directory.manage' },
  { path: '/direktori/organisasi/:id', component: lazy(() => import('../features/directory/OrganizationPage.tsx')), namespaces: ['directory'], permission: 'directory.read' },
  { path: '/direktori/layanan/baru', component: lazy(() => import('../features/directory/ServiceFormPage.tsx')), namespaces: ['referrals', 'directory'], permission: 'directory.manage' },
  { path: '/direktori/layanan/:id', component: lazy(() => import('../features/directory/ServicePage.tsx')), namespaces: ['referrals', 'directory'], permission: 'directory.read' },
  { path: '/direktori/layanan/:id/ubah', component: lazy(() => import('../features/directory/ServiceFormPage.tsx')), namespaces: ['referrals', 'directory'], permission: 'directory.manage' },
  // personal data protection (issue 17): the DPO's workspace
  { path: '/privasi/permintaan', component: lazy(() => import('../features/privacy/RequestsPage.tsx')), namespaces: ['privacy'], permission: 'privacy.manage', navKey: 'privacy:nav.requests', workspaces: ['privacy'] },
  { path: '/privasi/permintaan/:id', component: lazy(() => import('../features/privacy/RequestPage.tsx')), namespaces: ['privacy'], permission: 'privacy.oversee' },
  { path: '/privasi/persetujuan', component: lazy(() => import('../features/privacy/ConsentsPage.tsx')), namespaces: ['privacy'], permission: 'privacy.manage', navKey: 'privacy:nav.consents', workspaces: ['privacy'] },
  { path: '/privasi/kebocoran', component: lazy(() => import('../features/privacy/BreachesPage.tsx')), namespaces: ['privacy'], permission: 'privacy.manage', navKey: 'privacy:nav.breaches', workspaces: ['privacy'] },
  { path: '/privasi/akses-darurat', component: lazy(() => import('../features/privacy/BreakGlassPage.tsx')), namespaces: ['privacy'], permission: 'privacy.manage', navKey: 'privacy:nav.breakGlass', workspaces: ['privacy'] },
  { path: '/privasi/retensi', component: lazy(() => import('../features/privacy/RetentionPage.tsx')), namespaces: ['privacy'], permission: 'privacy.manage', navKey: 'privacy:nav.retention', workspaces: ['privacy'] },
  { path: '/privasi/catatan', component: lazy(() => import('../features/privacy/RecordsPage.tsx')), namespaces: ['privacy'], permission: 'privacy.manage', navKey: 'privacy:nav.records', workspaces: ['privacy'] },
  // the auditor's workspace (issue 13 item 13, issue 11 item 12): the trail searched and exported, the chain verified
  { path: '/audit/jejak', component: lazy(() => import('../features/audit/TrailPage.tsx')), namespaces: ['audit'], permission: 'audit.read', navKey: 'audit:nav.trail', workspaces: ['audit'] },
  { path: '/audit/rantai', component: lazy(() => import('../features/audit/ChainPage.tsx')), namespaces: ['audit'], permission: 'audit.verify', navKey: 'audit:nav.chain', workspaces: ['audit', 'privacy', 'admin'] },
  // Puskesos as an institution and reports upward (issue 16)
  { path: '/puskesos', component: lazy(() => import('../features/puskesos/ProfilePage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.read', navKey: 'puskesos:nav.profile', workspaces: ['front-office', 'back-office', 'field', 'village'] },
  { path: '/puskesos/kesetaraan', component: lazy(() => import('../features/puskesos/EquityPage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.read', navKey: 'puskesos:nav.equity', workspaces: ['supervisor', 'kabupaten'] },
  { path: '/puskesos/ubah', component: lazy(() => import('../features/puskesos/ProfileEditPage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.write' },
  { path: '/puskesos/pelatihan', component: lazy(() => import('../features/puskesos/TrainingGapsPage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.staff', navKey: 'puskesos:nav.training', workspaces: ['supervisor', 'kabupaten'] },
  { path: '/puskesos/pelatihan/katalog', component: lazy(() => import('../features/puskesos/TrainingCatalogPage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.read', navKey: 'puskesos:nav.catalog', workspaces: ['kabupaten'] },
  { path: '/puskesos/peringkat', component: lazy(() => import('../features/puskesos/GradesPage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.configure', navKey: 'puskesos:nav.grades', workspaces: ['kabupaten'] },
  { path: '/puskesos/dana', component: lazy(() => import('../features/puskesos/FundingPage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.read', navKey: 'puskesos:nav.funding', workspaces: ['village'] },
  { path: '/puskesos/petugas', component: lazy(() => import('../features/puskesos/OfficersPage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.staff' },
  { path: '/puskesos/kunjungan', component: lazy(() => import('../features/puskesos/VisitsPage.tsx')), namespaces: ['puskesos'], permission: 'puskesos.read' },
  { path: '/laporan', component: lazy(() => import('../features/puskesos/ReportPage.tsx')), namespaces: ['puskesos'], permission: 'reports.read', navKey: 'puskesos:nav.report', workspaces: ['back-office', 'supervisor', 'kabupaten', 'village'] },
  { path: '/dasbor', component: lazy(() => import('../features/stats/DashboardPage.tsx')), namespaces: ['stats'], permission: 'stats.read', navKey: 'stats:nav.dashboard', workspaces: ['supervisor', 'kabupaten'] },
];
