// When a city's agencies get their daily digest: a local time (07:30 unless the city's
// file says otherwise) on the city's working days, or never (`"digest": false`, for a
// city whose agencies work from the console alone). The city's file writes it into
// the Setting `digest:<city>` (city-config/apply.ts); no row means the default.
import type { PrismaClient } from '@aduan/prisma';

const SETTING_PREFIX = 'digest:';

export const DEFAULT_DIGEST_TIME = '07:30';

/** `HH:MM`, 24-hour clock. */
export const DIGEST_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A city's choice: the local time of day, or off. */
export type DigestSetting = { time: string } | false;

export function digestSetting(city: string): string {
  return `${SETTING_PREFIX}${city}`;
}

/** Minutes after local midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  const match = DIGEST_TIME.exec(time);
  if (!match) throw new RangeError(`The digest time "${time}" is not a local time HH:MM such as "07:30".`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Every city's choice, read at once; a city without a row (or with a row that is not a valid setting) gets 07:30. */
export async function readDigestSettings(prisma: PrismaClient): Promise<(city: string) => DigestSetting> {
  const rows = await prisma.setting.findMany({ where: { key: { startsWith: SETTING_PREFIX } }, select: { key: true, value: true } });
  const byCity = new Map<string, DigestSetting>();
  for (const row of rows) {
    const value = row.value as unknown;
    if (value === false) byCity.set(row.key.slice(SETTING_PREFIX.length), false);
    else if (
      value &&
      typeof value === 'object' &&
      typeof (value as { time?: unknown }).time === 'string' &&
      DIGEST_TIME.test((value as { time: string }).time)
    ) {
      byCity.set(row.key.slice(SETTING_PREFIX.length), { time: (value as { time: string }).time });
    }
  }
  return (city) => byCity.get(city) ?? { time: DEFAULT_DIGEST_TIME };
}
