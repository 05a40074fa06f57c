// Who is signed in: `me`, `login`, `logout`.
import type { StaffRole as StaffRoleValue } from '@aduan/prisma';
import { StaffRole as StaffRoleValues } from '@aduan/prisma';
import { login, logout } from '../staff/sessions.js';
import { clearedSessionCookie, sessionCookie } from '../staff/cookies.js';
import { Agency } from './agency.js';
import { builder } from './builder.js';
import { InvalidInput } from './invalid-input.js';
import { refusal } from './refusal.js';

export const StaffRoleEnum = builder.enumType(StaffRoleValues, {
  name: 'StaffRole',
  description: 'STAFF: their agency’s reports. SUPERVISOR: also reroute. ADMIN: every agency.',
});

interface StaffShape {
  kind: 'ACCOUNT' | 'TOKEN';
  email: string | null;
  name: string;
  role: StaffRoleValue;
  agencyId: string;
}

export const Staff = builder.objectRef<StaffShape>('Staff').implement({
  description: 'A signed-in staff member, or the API token a system calls with.',
  fields: (t) => ({
    kind: t.string({ description: 'ACCOUNT (signed in with a password) or TOKEN (a bearer API token).', resolve: (s) => s.kind }),
    email: t.exposeString('email', { nullable: true, description: 'Null for API tokens.' }),
    name: t.exposeString('name'),
    role: t.field({ type: StaffRoleEnum, resolve: (s) => s.role }),
    agency: t.prismaField({
      type: Agency,
      resolve: (query, staff, _args, context) =>
        context.prisma.agency.findUniqueOrThrow({ ...query, where: { id: staff.agencyId } }),
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
        return { kind: 'TOKEN' as const, email: null, name: token.name, role: viewer.role, agencyId: viewer.agencyId };
      }
      const account = await context.prisma.staffAccount.findUniqueOrThrow({ where: { id: viewer.id } });
      return { kind: 'ACCOUNT' as const, email: account.email, name: account.name, role: account.role, agencyId: account.agencyId };
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
      const session = await login(context.prisma, args.email, args.password, context.now());
      if (!session) return refusal('INVALID_CREDENTIALS', INVALID_CREDENTIALS, 'password');
      const maxAge = Math.floor((session.expiresAt.getTime() - context.now().getTime()) / 1000);
      context.setCookie(sessionCookie(context.request, session.secret, maxAge));
      const { account } = session;
      return {
        staff: { kind: 'ACCOUNT' as const, email: account.email, name: account.name, role: account.role, agencyId: account.agencyId },
      };
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
