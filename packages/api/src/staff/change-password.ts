// A signed-in staff member replaces their password — the one-time password from
// `aduan staff add` / `aduan staff reset-password`, or any later one. The new one must
// be at least 12 characters and not the e-mail address; on success the must-change
// flag is cleared and every other session of the account ends (a password handed over
// on paper, or one someone else may know, signs nobody in any more).
import type { PrismaClient, StaffAccount } from '@aduan/prisma';
import type { InvalidInput } from '../intake/invalid-input.js';
import { refusal } from '../refusal.js';
import { hashPassword, loginForms, verifyPassword } from './password.js';

export const MIN_PASSWORD_LENGTH = 12;
/** `login` compares at most this many characters, so a longer password could never sign in. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Why `password` cannot be the new password of `email`'s account, or null. */
export function checkNewPassword(password: string, email: string): InvalidInput | null {
  if ([...password.normalize('NFC')].length < MIN_PASSWORD_LENGTH) {
    return refusal('PASSWORD_TOO_SHORT', `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`, 'newPassword');
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return refusal('PASSWORD_TOO_LONG', `The new password can be at most ${MAX_PASSWORD_LENGTH} characters.`, 'newPassword');
  }
  if (password.trim().toLowerCase() === email.toLowerCase()) {
    return refusal('PASSWORD_IS_EMAIL', 'The new password cannot be your e-mail address.', 'newPassword');
  }
  return null;
}

export async function changePassword(
  prisma: PrismaClient,
  session: { accountId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<{ ok: true; account: StaffAccount } | { ok: false; invalid: InvalidInput }> {
  const account = await prisma.staffAccount.findUniqueOrThrow({ where: { id: session.accountId } });
  const invalid = checkNewPassword(input.newPassword, account.email);
  if (invalid) return { ok: false, invalid };
  let current = false;
  if (input.currentPassword.length <= MAX_PASSWORD_LENGTH) {
    for (const form of loginForms(input.currentPassword)) if (!current) current = await verifyPassword(form, account.passwordHash);
  }
  if (!current) return { ok: false, invalid: refusal('WRONG_PASSWORD', 'The current password is wrong.', 'currentPassword') };
  if (input.newPassword === input.currentPassword) {
    return { ok: false, invalid: refusal('PASSWORD_UNCHANGED', 'Choose a password other than the current one.', 'newPassword') };
  }
  const passwordHash = await hashPassword(input.newPassword);
  const [updated] = await prisma.$transaction([
    prisma.staffAccount.update({
      where: { id: account.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now },
    }),
    prisma.staffSession.deleteMany({ where: { accountId: account.id, id: { not: session.sessionId } } }),
  ]);
  return { ok: true, account: updated };
}
