// GET discovery: where the GeoReport v2 endpoint is and what it speaks. The
// changeset is when the service list last changed, which is what the spec says
// clients should watch to refresh cached services.
import type { PrismaClient } from '@aduan/prisma';
import type { Locale } from '../intake/messages.js';
import { w3cDateTime } from './dates.js';
import { say, sayWhole } from './messages.js';

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: {
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }[];
}

export async function discovery(
  prisma: PrismaClient,
  /** `endpoint`: this server (ADUAN_PUBLIC_URL, never the Host header); `public`: where residents follow reports. */
  origins: { endpoint: string; public: string },
  basePath: string,
  timeZone: string,
  locale: Locale,
): Promise<Open311Discovery> {
  const latest = await prisma.category.aggregate({ _max: { updatedAt: true } });
  const changeset = w3cDateTime(latest._max.updatedAt ?? new Date(0), timeZone);
  return {
    changeset,
    contact: sayWhole('CONTACT', locale, { origin: origins.public }),
    key_service: say('KEY_SERVICE', locale),
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url: `${origins.endpoint}${basePath}`,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
