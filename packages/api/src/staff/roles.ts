import { StaffRole } from '@aduan/prisma';
import { StaffError } from './errors.js';

export const STAFF_ROLES = Object.values(StaffRole) as StaffRole[];

export function parseRole(value: string): StaffRole {
  const role = value.trim().toUpperCase();
  if (!(STAFF_ROLES as string[]).includes(role)) {
    throw new StaffError(`"${value}" is not a role; use one of ${STAFF_ROLES.join(', ')}.`);
  }
  return role as StaffRole;
}

export async function agencyIdBySlug(
  prisma: { agency: { findUnique(args: { where: { slug: string }; select: { id: true } }): Promise<{ id: string } | null> } },
  slug: string,
): Promise<string> {
  const agency = await prisma.agency.findUnique({ where: { slug }, select: { id: true } });
  if (!agency) throw new StaffError(`There is no agency "${slug}"; apply a city configuration that defines it first.`);
  return agency.id;
}
