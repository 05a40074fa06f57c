// `aduan staff add`: a staff account in one agency, with a one-time password.
import type { PrismaClient, StaffAccount } from '@aduan/prisma';
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

export async function addStaffAccount(
  prisma: PrismaClient,
  input: AddStaffInput,
): Promise<{ account: StaffAccount; password: string }> {
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
      data: { email, name, agencyId, role, passwordHash: await hashPassword(password) },
    });
    return { account, password };
  } catch (error) {
    // Two commands racing for the same address: the unique index decides.
    if ((error as { code?: string }).code === 'P2002') throw new StaffError(`There is already a staff account for ${email}.`);
    throw error;
  }
}
