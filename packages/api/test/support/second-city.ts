// A second city for tests of many cities in one deployment: the small test city
// (test/fixtures/city-config), with `sampah` and `jalan-rusak` as Kupang has them but
// with its own names, rules and prefix, and a site of its own (`kecil`).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CityConfigInput } from '../../src/city-config/index.js';

const fixtures = new URL('../fixtures/city-config/', import.meta.url).pathname;
const folders: string[] = [];

/** Writes the second city's file and boundaries to a fresh folder; returns the file's path. */
export async function writeSecondCity(): Promise<string> {
  const config = {
    trackingCodePrefix: 'TST',
    boundaries: [{ file: 'areas.geojson' }],
    jurisdictions: [{ code: '98.71', timeZone: 'Asia/Jayapura', workingDays: [1, 2, 3, 4, 5, 6] }],
    agencies: [
      { slug: 'meja-pengaduan', name: 'Meja Pengaduan Kota Contoh', jurisdiction: '98.71', triage: true },
      { slug: 'dinas-pu', name: 'Dinas Pekerjaan Umum Kota Contoh', jurisdiction: '98.71', escalatesTo: 'meja-pengaduan' },
    ],
    categoryGroups: [{ code: 'lingkungan', name: { id: 'Kebersihan kota', en: 'A clean city' } }],
    categories: [
      { code: 'sampah', name: { id: 'Sampah di jalan', en: 'Rubbish in the street' }, group: 'lingkungan' },
      { code: 'jalan-rusak', name: { id: 'Jalan berlubang', en: 'Potholes' } },
      { code: 'lain', name: { id: 'Lainnya', en: 'Other' }, locationRequired: false },
    ],
    rules: [
      { category: 'sampah', agency: 'dinas-pu', responseHours: 24 },
      { category: 'jalan-rusak', jurisdiction: '98.71.01', agency: 'dinas-pu' },
    ],
    sites: [{ key: 'kecil', name: 'Situs Kota Contoh', allowedOrigins: ['https://*.example.org', 'http://localhost:*', 'http://127.0.0.1:*'], categories: [] }],
  } satisfies CityConfigInput;
  const dir = await mkdtemp(join(tmpdir(), 'aduan-second-city-'));
  folders.push(dir);
  await writeFile(join(dir, 'areas.geojson'), await readFile(join(fixtures, 'areas.geojson')));
  await writeFile(join(dir, 'city.json'), JSON.stringify(config));
  return join(dir, 'city.json');
}

/** Removes every folder writeSecondCity made. */
export async function removeSecondCities(): Promise<void> {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
}
