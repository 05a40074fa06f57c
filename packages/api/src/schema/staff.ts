// Who is signed in: `me`, `login`, `logout`, `changePassword`. These four answer a
// session still on its one-time password; every other staff field refuses it.
import type { StaffRole as StaffRoleValue } from '@aduan/prisma';
import { StaffRole as StaffRoleValues } from '@aduan/prisma';
import { createGraphQLError } from 'graphql-yoga';
import { login, logout } from '../staff/sessions.js';
import { changePassword } from '../staff/change-password.js';
import { clearedSessionCookie, sessionCookie } from '../staff/cookies.js';
import { Agency } from './agency.js';
import { builder } from './builder.js';
import { Jurisdiction } from './jurisdiction.js';
import { rateLimit } from './rate-limit.js';
import { powersArea } from '../staff/viewer.js';
import { AccessDenied } from '../workflow/errors.js';
import { InvalidInput } from './invalid-input.js';
import { refusal } from './refusal.js';

export const StaffRoleEnum = builder.enumType(StaffRoleValues, {
  name: 'StaffRole',
  description: 'STAFF: their agency’s reports. SUPERVISOR: also reroute. ADMIN: every agency of their city, and its settings.',
});

interface StaffShape {
  kind: 'ACCOUNT' | 'TOKEN';
  email: string | null;
  name: string;
  role: StaffRoleValue;
  agencyId: string;
  mustChangePassword: boolean;
}

function accountShape(account: { email: string; name: string; role: StaffRoleValue; agencyId: string; mustChangePassword: boolean }): StaffShape {
  const { email, name, role, agencyId, mustChangePassword } = account;
  return { kind: 'ACCOUNT', email, name, role, agencyId, mustChangePassword };
}

export const Staff = builder.objectRef<StaffShape>('Staff').implement({
  description: 'A signed-in staff member, or the API token a system calls with.',
  fields: (t) => ({
    kind: t.string({ description: 'ACCOUNT (signed in with a password) or TOKEN (a bearer API token).', resolve: (s) => s.kind }),
    email: t.exposeString('email', { nullable: true, description: 'Null for API tokens.' }),
    name: t.exposeString('name'),
    role: t.field({ type: StaffRoleEnum, resolve: (s) => s.role }),
    mustChangePassword: t.exposeBoolean('mustChangePassword', {
      description:
        'Signed in with a one-time password: until changePassword, every other staff field answers PASSWORD_CHANGE_REQUIRED. Always false for tokens.',
    }),
    agency: t.prismaField({
      type: Agency,
      resolve: (query, staff, _args, context) => context.prisma.agency.findUniqueOrThrow({ ...query, where: { id: staff.agencyId } }),
    }),
    area: t.prismaField({
      type: Jurisdiction,
      description: 'The area their powers cover: for an ADMIN their city (a province’s: its area), else their agency’s.',
      resolve: async (query, staff, _args, context) => {
        const { jurisdictionCode } = await context.prisma.agency.findUniqueOrThrow({ where: { id: staff.agencyId }, select: { jurisdictionCode: true } });
        const code = await powersArea(context.prisma, staff.role, jurisdictionCode);
        return context.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { code } });
      },
    }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: Staff,
    nullable: true,
    description: 'The signed-in staff member or API token; null when anonymous.',
    resolve: async (_root, _args, context) => {
      const viewer = context.viewer;
      if (!viewer) return null;
      if (viewer.via === 'token') {
        const token = await context.prisma.apiToken.findUniqueOrThrow({ where: { id: viewer.id }, select: { name: true } });
        return { kind: 'TOKEN' as const, email: null, name: token.name, role: viewer.role, agencyId: viewer.agencyId, mustChangePassword: false };
      }
      return accountShape(await context.prisma.staffAccount.findUniqueOrThrow({ where: { id: viewer.id } }));
    },
  }),
);

const LoggedIn = builder.objectRef<{ staff: StaffShape }>('LoggedIn').implement({
  description: 'Signed in: the session cookie is set.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'staff' in value,
  fields: (t) => ({ staff: t.field({ type: Staff, resolve: (result) => result.staff }) }),
});

const LoginResult = builder.unionType('LoginResult', { types: [LoggedIn, InvalidInput] });

const INVALID_CREDENTIALS = 'Wrong e-mail address or password.';

builder.mutationField('login', (t) =>
  t.field({
    type: LoginResult,
    description:
      'Signs a staff member in and sets the `aduan_session` cookie (HttpOnly, SameSite=Lax, Secure behind TLS). Send it as application/json (or with an `X-Aduan-CSRF` header).',
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      if (!context.csrfSafe) {
        return refusal('CSRF_HEADER_REQUIRED', 'Send login as application/json or with an X-Aduan-CSRF header.', 'email');
      }
      await rateLimit(context, 'login.address');
      const session = await login(context.prisma, args.email, args.password, context.now());
      if (!session) return refusal('INVALID_CREDENTIALS', INVALID_CREDENTIALS, 'password');
      const maxAge = Math.floor((session.expiresAt.getTime() - context.now().getTime()) / 1000);
      context.setCookie(sessionCookie(context.request, session.secret, maxAge));
      return { staff: accountShape(session.account) };
    },
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends this browser’s session and clears its cookie. True when there was one.',
    resolve: async (_root, _args, context) => {
      context.setCookie(clearedSessionCookie(context.request));
      const sessionId = context.viewer?.sessionId;
      if (!sessionId) return false;
      await logout(context.prisma, sessionId);
      return true;
    },
  }),
);

const PasswordChanged = builder.objectRef<{ passwordChanged: StaffShape }>('PasswordChanged').implement({
  description: 'The new password is set; the account’s other sessions have ended.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'passwordChanged' in value,
  fields: (t) => ({ staff: t.field({ type: Staff, resolve: (result) => result.passwordChanged }) }),
});

const ChangePasswordResult = builder.unionType('ChangePasswordResult', { types: [PasswordChanged, InvalidInput] });

builder.mutationField('changePassword', (t) =>
  t.field({
    type: ChangePasswordResult,
    description:
      'For a staff member signed in with the session cookie (an API token has no password: FORBIDDEN). The new password needs at least 12 characters and must not be the e-mail address. Clears `mustChangePassword` and ends the account’s other sessions. Refusals: WRONG_PASSWORD, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_IS_EMAIL, PASSWORD_UNCHANGED.',
    args: { currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const viewer = context.viewer;
      if (!viewer) throw AccessDenied.for(viewer);
      if (viewer.via !== 'session' || !viewer.accountId || !viewer.sessionId) {
        throw createGraphQLError('API tokens have no password to change.', { extensions: { code: 'FORBIDDEN' } });
      }
      // Guessing the current password through a stolen session is limited like signing in.
      await rateLimit(context, 'login.address');
      await rateLimit(context, 'password.account', viewer.accountId);
      const outcome = await changePassword(context.prisma, { accountId: viewer.accountId, sessionId: viewer.sessionId }, args, context.now());
      return outcome.ok ? { passwordChanged: accountShape(outcome.account) } : outcome.invalid;
    },
  }),
);
