// Console sign-in: e-mail and password in, a session (cookie) out.
import type { PrismaClient, StaffAccount } from '@aduan/prisma';
import { normalizeEmail } from './accounts.js';
import { SESSION_LIFETIME_MS } from './cookies.js';
import { dummyPasswordHash, loginForms, verifyPassword } from './password.js';
import { hashSecret, newSecret } from './secrets.js';

/**
 * The account and a new session secret, or null. An unknown e-mail, a disabled account
 * and a wrong password are indistinguishable, in the answer and (one scrypt each) in time.
 */
export async function login(
  prisma: PrismaClient,
  email: string,
  password: string,
  now: Date,
): Promise<{ account: StaffAccount; secret: string; expiresAt: Date } | null> {
  const normalized = normalizeEmail(email);
  const account = normalized.length <= 254 && password.length <= 1024 ? await prisma.staffAccount.findUnique({ where: { email: normalized } }) : null;
  const hash = account?.passwordHash ?? (await dummyPasswordHash());
  let matches = false;
  for (const form of loginForms(password.slice(0, 1024))) if (!matches) matches = await verifyPassword(form, hash);
  if (!account || !matches || account.disabledAt) return null;
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await prisma.staffSession.create({
    data: { accountId: account.id, tokenHash: hashSecret(secret), createdAt: now, lastSeenAt: now, expiresAt },
  });
  return { account, secret, expiresAt };
}

export async function logout(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.staffSession.deleteMany({ where: { id: sessionId } });
}
