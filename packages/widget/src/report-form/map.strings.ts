/** The map's own strings (map.chunk.ts): they load with it. */
export const mapStrings = {
  id: {
    outsideAreaMap: 'Lokasi ini di luar wilayah layanan. Pilih kelurahan di bawah, atau geser penanda di peta.',
    mapHint: 'Geser penanda ke tempat masalahnya, atau ketuk peta. Dengan papan ketik: pilih penanda, lalu tombol panah (Shift untuk langkah besar).',
    pinLabel: 'Penanda lokasi laporan',
    pinPlaced: 'Lokasi dipilih di peta.',
  },
  en: {
    outsideAreaMap: 'This place is outside the service area. Choose a kelurahan below, or move the pin on the map.',
    mapHint: 'Drag the pin to where the problem is, or tap the map. With a keyboard: focus the pin, then the arrow keys (Shift for big steps).',
    pinLabel: 'Pin for the report’s location',
    pinPlaced: 'Location chosen on the map.',
  },
};
