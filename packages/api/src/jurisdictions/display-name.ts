// How a jurisdiction is named to people: its kind, then its name
// ("Kelurahan Oebobo", "Kota Kupang"), without doubling a prefix the official
// name already carries.

const prefixByKind: Record<string, string> = {
  provinsi: 'Provinsi',
  kota: 'Kota',
  kabupaten: 'Kabupaten',
  kecamatan: 'Kecamatan',
  kelurahan: 'Kelurahan',
  desa: 'Desa',
};

export function jurisdictionDisplayName({ name, kind }: { name: string; kind: string }): string {
  const prefix = prefixByKind[kind];
  const trimmed = name.trim();
  if (!prefix) return trimmed;
  // A whole word only: "Kotabaru" is a name, "Kota Kupang" already has its prefix.
  const lower = trimmed.toLowerCase();
  const word = prefix.toLowerCase();
  if (lower === word || lower.startsWith(`${word} `)) return trimmed;
  return `${prefix} ${trimmed}`;
}
