// Staff and API tokens, managed by a city's ADMINs from the console: invite someone (a
// one-time password that can be read aloud, shown once), reset a password, disable an
// account, create and revoke tokens for agencies' systems — for the agencies of their
// city only, through the same functions as `aduan staff` and `aduan token`, each change
// in the city's audit log (never with a password or a token in it).
import type { Prisma } from '@aduan/prisma';
import { addStaffAccount, createApiToken, disableStaffAccount, normalizeEmail, resetStaffPassword, revokeApiToken, StaffError } from '../staff/index.js';
import type { Viewer } from '../staff/viewer.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { InvalidInput } from './invalid-input.js';
import { StaffRoleEnum } from './staff.js';

const refused = (message: string, field: string) => ({ code: 'VALIDATION_FAILED' as const, message, fields: [{ field, message }] });

/** The agency `slug`, when it is one of the ADMIN's city; null otherwise (answered like an unknown one). */
async function cityAgency(context: Context, slug: string): Promise<{ id: string; slug: string } | null> {
  const agency = await context.prisma.agency.findUnique({ where: { slug: slug.trim() }, select: { id: true, slug: true } });
  return agency && context.viewer!.actsFor.has(agency.id) ? agency : null;
}

/** The account with `email`, when it belongs to an agency of the ADMIN's city. */
async function cityAccount(context: Context, email: string) {
  const account = await context.prisma.staffAccount.findUnique({ where: { email: normalizeEmail(email).slice(0, 254) } });
  return account && context.viewer!.actsFor.has(account.agencyId) ? account : null;
}

async function audit(context: Context, action: string, subject: string, after: Record<string, unknown>, before?: Record<string, unknown>) {
  const viewer = context.viewer as Viewer;
  await context.prisma.auditEntry.create({
    data: {
      actor: viewer.actor,
      cityCode: viewer.area,
      action,
      subject,
      after: after as Prisma.InputJsonObject,
      ...(before ? { before: before as Prisma.InputJsonObject } : {}),
    },
  });
}

const StaffAccountInfo = builder.prismaObject('StaffAccount', {
  variant: 'StaffAccountInfo',
  description: 'A staff account, as its city’s ADMINs manage it.',
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: StaffRoleEnum }),
    agency: t.relation('agency', { description: 'Its agency (slug and name).' }),
    active: t.boolean({ description: 'False once disabled.', select: { disabledAt: true }, resolve: (a) => a.disabledAt === null }),
    mustChangePassword: t.exposeBoolean('mustChangePassword', { description: 'Still on a one-time password.' }),
  }),
});

const ApiTokenInfo = builder.prismaObject('ApiToken', {
  description: 'A bearer token an agency’s system calls the API with; the token itself is shown once, when made.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: StaffRoleEnum }),
    agency: t.relation('agency'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const inCity = (context: Context) => ({ agencyId: { in: [...context.viewer!.actsFor] } });

builder.queryField('staffAccounts', (t) =>
  t.prismaField({
    type: [StaffAccountInfo],
    authScopes: { admin: true },
    description: 'ADMIN: the staff of your city’s agencies, by agency and name.',
    resolve: (query, _root, _args, context) =>
      context.prisma.staffAccount.findMany({ ...query, where: inCity(context), orderBy: [{ agencyId: 'asc' }, { name: 'asc' }, { email: 'asc' }] }),
  }),
);

builder.queryField('apiTokens', (t) =>
  t.prismaField({
    type: [ApiTokenInfo],
    authScopes: { admin: true },
    description: 'ADMIN: the API tokens of your city’s agencies, newest first.',
    resolve: (query, _root, _args, context) =>
      context.prisma.apiToken.findMany({ ...query, where: inCity(context), orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
  }),
);

const OneTimePassword = builder.objectRef<{ email: string; password: string }>('OneTimePassword').implement({
  description: 'A one-time password, shown this once: five groups of four digits, to be read to the person and replaced at their first sign-in.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'password' in value,
  fields: (t) => ({
    password: t.exposeString('password'),
    account: t.prismaField({
      type: StaffAccountInfo,
      resolve: (query, issued, _args, context) => context.prisma.staffAccount.findUniqueOrThrow({ ...query, where: { email: issued.email } }),
    }),
  }),
});
const PasswordResult = builder.unionType('StaffPasswordResult', { types: [OneTimePassword, InvalidInput] });

const InviteStaffInput = builder.inputType('InviteStaffInput', {
  fields: (t) => ({
    agency: t.string({ required: true, description: 'An agency of your city, by slug.' }),
    email: t.string({ required: true, description: 'Their e-mail address: how they sign in.' }),
    name: t.string({ required: true }),
    role: t.field({ type: StaffRoleEnum, required: true }),
  }),
});

/** Runs `work`, answering a StaffError (a duplicate, a bad address) as InvalidInput on `field`. */
async function orRefused<T>(field: string, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StaffError) return refused(error.message, field);
    throw error;
  }
}

builder.mutationField('inviteStaff', (t) =>
  t.field({
    type: PasswordResult,
    authScopes: { admin: true },
    description:
      'ADMIN: a new account in an agency of your city, with a one-time password shown once. Refusals: VALIDATION_FAILED naming the field (an agency not of your city, an address taken or not an address).',
    args: { input: t.arg({ type: InviteStaffInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const agency = await cityAgency(context, input.agency);
      if (!agency) return refused(`Your city has no agency "${input.agency}".`, 'agency');
      if (!input.name.trim()) return refused('Give their name.', 'name');
      return orRefused('email', async () => {
        const { account, password } = await addStaffAccount(context.prisma, { agency: agency.slug, email: input.email, role: input.role, name: input.name });
        await audit(context, 'staff.invite', account.email, { email: account.email, name: account.name, role: account.role, agency: agency.slug });
        return { email: account.email, password };
      });
    },
  }),
);

builder.mutationField('resetStaffPassword', (t) =>
  t.field({
    type: PasswordResult,
    authScopes: { admin: true },
    description: 'ADMIN: a new one-time password for an account of your city (shown once); its sessions end.',
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const account = await cityAccount(context, args.email);
      if (!account) return refused(`Your city has no account ${args.email}.`, 'email');
      return orRefused('email', async () => {
        const { password } = await resetStaffPassword(context.prisma, { email: account.email });
        await audit(context, 'staff.reset', account.email, { email: account.email });
        return { email: account.email, password };
      });
    },
  }),
);

const StaffDisabled = builder.objectRef<{ email: string; reportsUnassigned: number }>('StaffDisabled').implement({
  description: 'The account can no longer sign in; the reports it had in hand are unassigned.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'reportsUnassigned' in value,
  fields: (t) => ({
    reportsUnassigned: t.exposeInt('reportsUnassigned'),
    account: t.prismaField({
      type: StaffAccountInfo,
      resolve: (query, done, _args, context) => context.prisma.staffAccount.findUniqueOrThrow({ ...query, where: { email: done.email } }),
    }),
  }),
});

builder.mutationField('disableStaff', (t) =>
  t.field({
    type: builder.unionType('DisableStaffResult', { types: [StaffDisabled, InvalidInput] }),
    authScopes: { admin: true },
    description: 'ADMIN: someone of your city who left: no more sign-in or mail; their reports go back to unassigned.',
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const account = await cityAccount(context, args.email);
      if (!account) return refused(`Your city has no account ${args.email}.`, 'email');
      if (account.id === context.viewer!.accountId) return refused('You cannot disable your own account.', 'email');
      return orRefused('email', async () => {
        const { reportsUnassigned } = await disableStaffAccount(context.ledger, { email: account.email }, context.now());
        await audit(context, 'staff.disable', account.email, { email: account.email, active: false }, { email: account.email, active: true });
        return { email: account.email, reportsUnassigned };
      });
    },
  }),
);

const ApiTokenCreated = builder.objectRef<{ id: string; token: string }>('ApiTokenCreated').implement({
  description: 'The token, shown this once: give it to the agency’s system (Authorization: Bearer …).',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'token' in value,
  fields: (t) => ({
    token: t.exposeString('token'),
    info: t.prismaField({
      type: ApiTokenInfo,
      resolve: (query, created, _args, context) => context.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: created.id } }),
    }),
  }),
});

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    agency: t.string({ required: true, description: 'An agency of your city, by slug.' }),
    name: t.string({ required: true, description: 'Who uses it, e.g. "sim-pupr".' }),
    role: t.field({ type: StaffRoleEnum, required: true }),
  }),
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: builder.unionType('CreateApiTokenResult', { types: [ApiTokenCreated, InvalidInput] }),
    authScopes: { admin: true },
    description: 'ADMIN: a token for a system of an agency of your city; the token is in this answer only.',
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const agency = await cityAgency(context, input.agency);
      if (!agency) return refused(`Your city has no agency "${input.agency}".`, 'agency');
      return orRefused('name', async () => {
        const created = await createApiToken(context.prisma, { agency: agency.slug, role: input.role, name: input.name });
        await audit(context, 'token.create', input.name.trim(), { name: input.name.trim(), role: input.role, agency: agency.slug });
        return created;
      });
    },
  }),
);

const ApiTokenRevoked = builder.objectRef<{ id: string }>('ApiTokenRevoked').implement({
  description: 'The token no longer works.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'id' in value && !('token' in value) && !('fields' in value),
  fields: (t) => ({
    info: t.prismaField({
      type: ApiTokenInfo,
      resolve: (query, revoked, _args, context) => context.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: revoked.id } }),
    }),
  }),
});

builder.mutationField('revokeApiToken', (t) =>
  t.field({
    type: builder.unionType('RevokeApiTokenResult', { types: [ApiTokenRevoked, InvalidInput] }),
    authScopes: { admin: true },
    description: 'ADMIN: ends a token of your city’s agencies at once.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      const token = /^[0-9a-f-]{36}$/i.test(id) ? await context.prisma.apiToken.findUnique({ where: { id } }) : null;
      if (!token || !context.viewer!.actsFor.has(token.agencyId)) return refused(`Your city has no token ${id}.`, 'id');
      return orRefused('id', async () => {
        await revokeApiToken(context.prisma, id, context.now());
        await audit(context, 'token.revoke', token.name, { name: token.name, revoked: true }, { name: token.name, revoked: false });
        return { id };
      });
    },
  }),
);
