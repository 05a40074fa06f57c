// Random keys every replica must share (to sign photo links, proof-of-work
// challenges): made once, by whichever replica asks first, and kept in the Setting
// table. Not for keys that protect the database itself (contact encryption), which
// come from the environment.
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@aduan/prisma';

/** The 32-byte key stored under `key`, created on first use. */
export async function sharedSecret(prisma: PrismaClient, key: string): Promise<Buffer> {
  // createMany skipDuplicates: the first replica's key wins, every replica reads it back.
  await prisma.setting.createMany({ data: [{ key, value: randomBytes(32).toString('base64url') }], skipDuplicates: true });
  const row = await prisma.setting.findUniqueOrThrow({ where: { key } });
  return Buffer.from(String(row.value), 'base64url');
}

/** A shared secret read once per process; a failed read (database down) is tried again next time. */
export class SharedSecret {
  private value: Promise<Buffer> | undefined;
  constructor(
    private readonly prisma: PrismaClient,
    private readonly key: string,
  ) {}

  get(): Promise<Buffer> {
    this.value ??= sharedSecret(this.prisma, this.key).catch((error: unknown) => {
      this.value = undefined;
      throw error;
    });
    return this.value;
  }
}
