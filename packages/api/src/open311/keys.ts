// `aduan open311-key create | list | revoke`: a secret key per integration that files
// reports for a site over Open311. A site's own key is public (every page with the widget
// carries it), so alone it reads Open311 and files nothing; filing needs one of these,
// which the operator hands to one integration and can revoke without touching the site.
// The key is printed once; the database keeps its SHA-256.
import type { PrismaClient } from '@aduan/prisma';
import { AduanError } from '../errors.js';
import { hashSecret, newSecret } from '../staff/secrets.js';

export class Open311KeyError extends AduanError {
  constructor(message: string) {
    super(message, 'OPEN311_KEY_INVALID');
  }
}

export interface Open311KeySummary {
  site: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

async function siteIdOf(prisma: PrismaClient, siteKey: string): Promise<string> {
  const site = await prisma.site.findUnique({ where: { key: siteKey }, select: { id: true } });
  if (!site) throw new Open311KeyError(`There is no site "${siteKey}"; the city config file lists them.`);
  return site.id;
}

export async function createOpen311Key(prisma: PrismaClient, input: { site: string; name: string }): Promise<{ key: string }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new Open311KeyError('An Open311 key needs a name (--name, at most 100 characters) saying which integration uses it.');
  const siteId = await siteIdOf(prisma, input.site);
  if (await prisma.open311Key.findUnique({ where: { siteId_name: { siteId, name } }, select: { id: true } })) {
    throw new Open311KeyError(`The site "${input.site}" already has an Open311 key named "${name}"; revoke it first or choose another name.`);
  }
  const key = `o311_${newSecret()}`;
  await prisma.open311Key.create({ data: { siteId, name, keyHash: hashSecret(key) } });
  return { key };
}

export async function revokeOpen311Key(prisma: PrismaClient, input: { site: string; name: string }, now = new Date()): Promise<void> {
  const siteId = await siteIdOf(prisma, input.site);
  const row = await prisma.open311Key.findUnique({ where: { siteId_name: { siteId, name: input.name.trim() } }, select: { id: true, revokedAt: true } });
  if (!row) throw new Open311KeyError(`The site "${input.site}" has no Open311 key named "${input.name}"; \`aduan open311-key list\` shows them.`);
  if (row.revokedAt) throw new Open311KeyError(`The Open311 key "${input.name}" was already revoked on ${row.revokedAt.toISOString()}.`);
  await prisma.open311Key.update({ where: { id: row.id }, data: { revokedAt: now } });
}

export async function listOpen311Keys(prisma: PrismaClient): Promise<Open311KeySummary[]> {
  const rows = await prisma.open311Key.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { name: true, createdAt: true, revokedAt: true, site: { select: { key: true } } },
  });
  return rows.map(({ site, ...row }) => ({ ...row, site: site.key }));
}

/** The integration a key belongs to (its site's public key and the key's id), or null for anything else. */
export async function integrationOf(prisma: PrismaClient, key: string): Promise<{ siteKey: string; keyId: string } | null> {
  if (!key.startsWith('o311_') || key.length > 100) return null;
  const row = await prisma.open311Key.findUnique({
    where: { keyHash: hashSecret(key) },
    select: { id: true, revokedAt: true, site: { select: { key: true } } },
  });
  return row && !row.revokedAt ? { siteKey: row.site.key, keyId: row.id } : null;
}
