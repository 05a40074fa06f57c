// The database client that seals reporter contact (and the key in the reporter's e-mail
// links, which is as personal) on its way in and opens it on its way out (a Prisma client extension), so no code path can store it in clear or has
// to remember to decrypt it. Raw SQL sees the sealed values; the one raw writer of contact
// (a new report, workflow/new-report.ts) seals it with sealedForRawSql.
import type { Prisma, PrismaClient } from '@aduan/prisma';
import type { ContactCipher } from './contact-cipher.js';

export const CONTACT_COLUMNS = ['reporterName', 'reporterEmail', 'reporterPhone', 'reporterLinkKey'] as const;
type ContactColumn = (typeof CONTACT_COLUMNS)[number];

export function sealingContact(prisma: PrismaClient, cipher: ContactCipher): PrismaClient {
  const seal = <T>(data: T): T => {
    if (!data || typeof data !== 'object') return data;
    const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
    for (const column of CONTACT_COLUMNS) {
      const value = copy[column];
      if (typeof value === 'string') copy[column] = cipher.seal(value, column);
      else if (value && typeof value === 'object' && 'set' in value) {
        const set = (value as { set: unknown }).set;
        copy[column] = { set: typeof set === 'string' ? cipher.seal(set, column) : set };
      }
    }
    return copy as T;
  };
  const opened = (column: ContactColumn) => ({
    needs: { [column]: true } as Record<ContactColumn, true>,
    compute: (report: Record<ContactColumn, string | null>) => cipher.open(report[column], column),
  });
  return prisma.$extends({
    client: {
      $sealContact: seal,
    },
    result: {
      report: {
        reporterName: opened('reporterName'),
        reporterEmail: opened('reporterEmail'),
        reporterPhone: opened('reporterPhone'),
        reporterLinkKey: opened('reporterLinkKey'),
      },
    },
    query: {
      report: {
        create: ({ args, query }) => query({ ...args, data: seal(args.data) }),
        update: ({ args, query }) => query({ ...args, data: seal(args.data) }),
        updateMany: ({ args, query }) => query({ ...args, data: seal(args.data) }),
        upsert: ({ args, query }) => query({ ...args, create: seal(args.create), update: seal(args.update) }),
        createMany: ({ args, query }) =>
          query({ ...args, data: Array.isArray(args.data) ? args.data.map(seal) : seal(args.data) } as Prisma.ReportCreateManyArgs),
      },
    },
  }) as unknown as PrismaClient;
}

/**
 * `data` with its contact sealed as `prisma` seals it (unchanged when it seals nothing),
 * for the one writer that stores contact with raw SQL (workflow/new-report.ts).
 */
export function sealedForRawSql<T extends Partial<Record<ContactColumn, string | null>>>(prisma: PrismaClient, data: T): T {
  const seal = (prisma as unknown as { $sealContact?: <U>(value: U) => U }).$sealContact;
  return seal ? seal(data) : data;
}
