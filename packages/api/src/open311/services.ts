// GET services and GET services/{service_code}: the active categories. A Category
// holds names, a description, a group and keywords but no extra questions, so every
// service has `metadata: false` and a definition without attributes.
import type { PrismaClient } from '@aduan/prisma';
import type { Locale } from '../intake/messages.js';
import type { RoutingSnapshot } from '../routing/catalog.js';
import { notFound } from './errors.js';
import { say } from './messages.js';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime';
  keywords: string | null;
  group: string | null;
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: never[];
}

/** The city's catalogue (every city's when null: a deployment with no city yet). */
export async function listServices(prisma: PrismaClient, city: string | null, locale: Locale): Promise<Open311Service[]> {
  const categories = await prisma.category.findMany({
    where: { active: true, ...(city ? { cityCode: city } : {}) },
    orderBy: [{ position: 'asc' }, { code: 'asc' }],
    select: {
      code: true,
      nameId: true,
      nameEn: true,
      descriptionId: true,
      descriptionEn: true,
      keywords: true,
      group: { select: { nameId: true, nameEn: true } },
    },
  });
  const en = locale === 'EN';
  return categories.map((category) => ({
    service_code: category.code,
    service_name: en ? category.nameEn : category.nameId,
    description: (en ? category.descriptionEn : category.descriptionId) ?? null,
    metadata: false,
    type: 'realtime',
    keywords: category.keywords.length > 0 ? category.keywords.join(', ') : null,
    group: category.group ? (en ? category.group.nameEn : category.group.nameId) : null,
  }));
}

export function serviceDefinition(snapshot: RoutingSnapshot, area: string | null, code: string, locale: Locale): Open311ServiceDefinition {
  const category = snapshot.categoriesOf(snapshot.cityOf(area)).get(code);
  if (!category?.active) throw notFound(say('SERVICE_UNKNOWN', locale, { code }));
  return { service_code: category.code, attributes: [] };
}
