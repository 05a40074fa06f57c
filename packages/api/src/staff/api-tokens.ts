// `aduan token create | revoke | list`: bearer tokens for an agency's own systems.
import type { PrismaClient, StaffRole } from '@aduan/prisma';
import { StaffError } from './errors.js';
import { agencyIdBySlug, parseRole } from './roles.js';
import { hashSecret, newSecret } from './secrets.js';

export interface ApiTokenSummary {
  id: string;
  name: string;
  agency: string;
  role: StaffRole;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function createApiToken(prisma: PrismaClient, input: { agency: string; role: string; name: string }): Promise<{ id: string; token: string }> {
  const name = input.name.trim();
  if (!name) throw new StaffError('A token needs a name (--name) saying who uses it.');
  const role = parseRole(input.role);
  const agencyId = await agencyIdBySlug(prisma, input.agency);
  const token = newSecret();
  const row = await prisma.apiToken.create({ data: { name, agencyId, role, tokenHash: hashSecret(token) }, select: { id: true } });
  return { id: row.id, token };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function revokeApiToken(prisma: PrismaClient, id: string, now = new Date()): Promise<void> {
  const token = UUID.test(id) ? await prisma.apiToken.findUnique({ where: { id }, select: { revokedAt: true } }) : null;
  if (!token) throw new StaffError(`There is no token ${id}; \`aduan token list\` shows them.`);
  if (token.revokedAt) throw new StaffError(`Token ${id} was already revoked on ${token.revokedAt.toISOString()}.`);
  await prisma.apiToken.update({ where: { id }, data: { revokedAt: now } });
}

export async function listApiTokens(prisma: PrismaClient): Promise<ApiTokenSummary[]> {
  const rows = await prisma.apiToken.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true, agency: { select: { slug: true } } },
  });
  return rows.map(({ agency, ...row }) => ({ ...row, agency: agency.slug }));
}
