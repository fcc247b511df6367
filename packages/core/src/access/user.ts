import { z } from 'zod';
import { ROLES } from './roles.ts';
import { PERMISSIONS, type Permission } from './permissions.ts';

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

export const Username = z.string().trim().toLowerCase().min(3).max(64).regex(/^[a-z0-9._-]+$/);
export const Password = z.string().min(1).max(200);

export const RoleGrantInput = z.object({
  role: z.enum(ROLES),
  areaCode: z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/).optional(),
  organizationId: z.uuid().optional(),
});
export type RoleGrantInput = z.infer<typeof RoleGrantInput>;

/** A user as the API shows it: never a password hash. */
export const UserView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      areaCode: z.string().optional(),
      areaName: z.string().optional(),
      organizationId: z.string().optional(),
      organizationName: z.string().optional(),
    }),
  ),
  permissions: z.array(z.enum(PERMISSION_NAMES)),
  lockedUntil: z.string().nullable().optional(),
  /** A partner system or integration: acts only through bearer tokens, never signs in. */
  serviceAccount: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

export const LoginInput = z.object({ username: z.string().min(1).max(200), password: Password });
export type LoginInput = z.infer<typeof LoginInput>;

/** `POST /auth/login` and `GET /auth/me`: the signed-in user and the CSRF token of the session. */
export const AuthSession = z.object({ user: UserView, csrfToken: z.string() });
export type AuthSession = z.infer<typeof AuthSession>;

export const CreateUserInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(200),
  /** Required for a person; a service account has none (it cannot sign in). */
  password: z.string().min(10).max(200).optional(),
  roles: z.array(RoleGrantInput).min(1).max(10),
  serviceAccount: z.boolean().optional(),
}).superRefine((u, ctx) => {
  if (!u.serviceAccount && u.password === undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: 'field.required' });
  if (u.serviceAccount && u.password !== undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: 'users.service_account_password' });
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  roles: z.array(RoleGrantInput).min(1).max(10).optional(),
  active: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** `GET /users`: a page of the accounts, `q` in the username or the display name. */
export const UserListQuery = z.object({
  q: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserListQuery = z.input<typeof UserListQuery>;

export const ChangePasswordInput = z.object({ currentPassword: Password, newPassword: z.string().min(10).max(200) });
export const ResetPasswordInput = z.object({ password: z.string().min(10).max(200) });
