// A running Aduan with two cities — Kota Kupang (the demo) and the second city of
// second-city.ts — and a signed-in ADMIN of each, for tests of what one city's ADMIN
// may do and the other's may not.
import { applyCityConfig, loadCityConfig } from '../../src/city-config/index.js';
import { createTestAduan, type TestAduan } from './aduan.js';
import type { databaseKinds } from './databases.js';
import { writeSecondCity } from './second-city.js';
import { signedInStaff } from './staff.js';

export /** A running Aduan with Kota Kupang (the demo) and the second city applied. */
async function aduanWithTwoCities(kind: (typeof databaseKinds)[number], options: Parameters<typeof createTestAduan>[1] = {}): Promise<TestAduan> {
  const aduan = await createTestAduan(kind, options);
  await applyCityConfig(aduan.test.database.prisma, await loadCityConfig(await writeSecondCity()));
  aduan.catalog.invalidate();
  return aduan;
}

/** A signed-in ADMIN of each city, as request headers. */
export async function cityAdmins(aduan: TestAduan): Promise<{ kupang: Record<string, string>; second: Record<string, string> }> {
  return {
    kupang: (await signedInStaff(aduan, { agency: 'pusat-pengaduan', email: 'admin@kupangkota.go.id', role: 'ADMIN', name: 'Admin Kota' })).headers,
    second: (await signedInStaff(aduan, { agency: 'meja-pengaduan', email: 'admin@contoh.example', role: 'ADMIN', name: 'Admin Contoh' })).headers,
  };
}
