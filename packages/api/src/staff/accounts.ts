// Staff accounts as an operator manages them: `aduan staff add` (a one-time password),
// `aduan staff reset-password` (a new one-time password) and `aduan staff disable`.
// A one-time password must be replaced at the first sign-in (mustChangePassword).
import type { PrismaClient, StaffAccount } from '@aduan/prisma';
import type { ReportLedger } from '../workflow/ledger.js';
import { StaffError } from './errors.js';
import { generatePassword, hashPassword } from './password.js';
import { agencyIdBySlug, parseRole } from './roles.js';

export interface AddStaffInput {
  agency: string;
  email: string;
  role: string;
  name?: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function addStaffAccount(prisma: PrismaClient, input: AddStaffInput): Promise<{ account: StaffAccount; password: string }> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254) throw new StaffError(`"${input.email}" is not an e-mail address.`);
  const role = parseRole(input.role);
  const agencyId = await agencyIdBySlug(prisma, input.agency);
  if (await prisma.staffAccount.findUnique({ where: { email }, select: { id: true } })) {
    throw new StaffError(`There is already a staff account for ${email}.`);
  }
  const password = generatePassword();
  const name = input.name?.trim() || email.split('@')[0]!;
  try {
    const account = await prisma.staffAccount.create({
      data: { email, name, agencyId, role, passwordHash: await hashPassword(password), mustChangePassword: true },
    });
    return { account, password };
  } catch (error) {
    // Two commands racing for the same address: the unique index decides.
    if ((error as { code?: string }).code === 'P2002') throw new StaffError(`There is already a staff account for ${email}.`);
    throw error;
  }
}

async function accountByEmail(prisma: PrismaClient, input: string): Promise<StaffAccount> {
  const email = normalizeEmail(input);
  const account = email.length <= 254 ? await prisma.staffAccount.findUnique({ where: { email } }) : null;
  if (!account) throw new StaffError(`There is no staff account for ${email || '""'}.`);
  return account;
}

/**
 * A new one-time password for a forgotten or leaked one: it must be changed at the next
 * sign-in, and every session of the account ends now.
 */
export async function resetStaffPassword(
  prisma: PrismaClient,
  input: { email: string },
): Promise<{ account: StaffAccount; password: string; sessionsEnded: number }> {
  const found = await accountByEmail(prisma, input.email);
  if (found.disabledAt) throw new StaffError(`The account ${found.email} is disabled.`);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const [account, ended] = await prisma.$transaction([
    prisma.staffAccount.update({ where: { id: found.id }, data: { passwordHash, mustChangePassword: true } }),
    prisma.staffSession.deleteMany({ where: { accountId: found.id } }),
  ]);
  return { account, password, sessionsEnded: ended.count };
}

/**
 * Someone who left: they can no longer sign in (their sessions end), get no more mail,
 * and the reports they had in hand go back to "unassigned" with an ASSIGNED event each.
 */
export async function disableStaffAccount(
  ledger: ReportLedger,
  input: { email: string },
  now: Date = new Date(),
): Promise<{ account: StaffAccount; sessionsEnded: number; reportsUnassigned: number }> {
  const found = await accountByEmail(ledger.prisma, input.email);
  if (found.disabledAt) throw new StaffError(`The account ${found.email} is already disabled.`);
  return ledger.transaction(async (writer) => {
    const { tx } = writer;
    const account = await tx.staffAccount.update({ where: { id: found.id }, data: { disabledAt: now } });
    const ended = await tx.staffSession.deleteMany({ where: { accountId: found.id } });
    const held = await tx.report.findMany({ where: { assignedToId: found.id }, select: { id: true } });
    for (const report of held) {
      await writer.change({
        reportId: report.id,
        actor: 'system',
        at: now,
        expect: { assignedToId: found.id },
        changes: [{ kind: 'ASSIGN', assigneeId: null, data: { accountDisabled: true } }],
      });
    }
    return { account, sessionsEnded: ended.count, reportsUnassigned: held.length };
  });
}
