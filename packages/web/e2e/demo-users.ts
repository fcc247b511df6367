/**
 * The demo sign-ins (`slrt serve --demo`) and the workspace each must land in: the contract
 * between the server's demo seed and the web's role workspaces.
 */
export const DEMO_USERS = [
  { username: 'admin', workspace: '/admin', id: 'admin' },
  { username: 'kabupaten', workspace: '/kabupaten', id: 'kabupaten' },
  { username: 'supervisor.cileunyi', workspace: '/supervisor', id: 'supervisor' },
  { username: 'puskesos.cinunuk', workspace: '/kantor-depan', id: 'front-office' },
  { username: 'koordinator.cinunuk', workspace: '/kantor-belakang', id: 'back-office' },
  { username: 'fasilitator.cinunuk', workspace: '/lapangan', id: 'field' },
  { username: 'puskesos.soreang', workspace: '/kantor-depan', id: 'front-office' },
  { username: 'mitra.dinkes', workspace: '/mitra', id: 'partner' },
  { username: 'eksekutif', workspace: '/kabupaten', id: 'kabupaten' },
  { username: 'auditor', workspace: '/audit', id: 'audit' },
  { username: 'dpo', workspace: '/privasi', id: 'privacy' },
  { username: 'kades.cinunuk', workspace: '/desa', id: 'village' },
  { username: 'provinsi', workspace: '/kabupaten', id: 'kabupaten' },
] as const;
