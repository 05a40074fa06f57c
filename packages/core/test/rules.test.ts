import { describe, expect, it } from 'vitest';
import { JurisdictionIndex, type JurisdictionRef, type Located, type RoutingRule, chooseRule, routeReport } from '../src/index.js';
import { kupangEntries } from './kupang.js';

const kupang = new JurisdictionIndex(kupangEntries());
const oebobo = kupang.ancestry('53.71.04.1001'); // Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang
const fatululi = kupang.ancestry('53.71.04.1011');

function rule(id: string, categoryCode: string | null, jurisdictionCode: string | null, agencySlug = `agency-${id}`): RoutingRule {
  return { id, name: `Rule ${id}`, categoryCode, jurisdictionCode, agencySlug, responseHours: 24 };
}

const choose = (rules: RoutingRule[], category = 'sampah', ancestry: readonly JurisdictionRef[] = oebobo): string | null =>
  chooseRule(rules, category, ancestry)?.id ?? null;

describe('chooseRule', () => {
  it('checks its fixture: Kelurahan Oebobo lies in Kecamatan Oebobo, Kota Kupang', () => {
    expect(oebobo.map((ref) => ref.code)).toEqual(['53.71.04.1001', '53.71.04', '53.71']);
    expect(fatululi[0]!.name).toBe('Kelurahan Fatululi');
  });

  it('lets a kecamatan rule override the city-wide rule', () => {
    const rules = [rule('city', 'sampah', '53.71'), rule('kec', 'sampah', '53.71.04')];
    expect(choose(rules)).toBe('kec');
    expect(choose(rules, 'sampah', kupang.ancestry('53.71.01.1001'))).toBe('city'); // Alak
  });

  it('lets a kelurahan rule override the kecamatan rule', () => {
    const rules = [rule('kec', 'sampah', '53.71.04'), rule('kel', 'sampah', '53.71.04.1001'), rule('city', 'sampah', '53.71')];
    expect(choose(rules)).toBe('kel');
    expect(choose(rules, 'sampah', fatululi)).toBe('kec');
  });

  it('prefers the category rule over the any-category rule at the same jurisdiction', () => {
    expect(choose([rule('any', null, '53.71.04'), rule('cat', 'sampah', '53.71.04')])).toBe('cat');
    expect(choose([rule('any', null, '53.71.04'), rule('cat', 'jalan', '53.71.04')])).toBe('any');
  });

  it('ranks a deeper any-category rule above a shallower category rule', () => {
    expect(choose([rule('city-sampah', 'sampah', '53.71'), rule('kec-any', null, '53.71.04')])).toBe('kec-any');
  });

  it('uses global rules only after the whole ancestry: category first, then any', () => {
    const globals = [rule('g-any', null, null), rule('g-sampah', 'sampah', null)];
    expect(choose(globals)).toBe('g-sampah');
    expect(choose(globals, 'jalan')).toBe('g-any');
    expect(choose([...globals, rule('city-any', null, '53.71')])).toBe('city-any');
  });

  it('ignores rules for other categories and other places, and returns null when none applies', () => {
    const rules = [rule('other-cat', 'jalan', '53.71.04.1001'), rule('other-place', 'sampah', '53.71.01')];
    expect(choose(rules)).toBeNull();
    expect(choose([])).toBeNull();
  });

  it('breaks ties between rules for the same category and place by lowest id, whatever the order', () => {
    const rules = [rule('r-20', 'sampah', '53.71.04'), rule('r-10', 'sampah', '53.71.04'), rule('r-3', 'sampah', '53.71.04')];
    expect(choose(rules)).toBe('r-10'); // code-point order: '1' < '2' < '3'
    expect(choose([...rules].reverse())).toBe('r-10');
    expect(choose([rule('b', null, null), rule('a', null, null)])).toBe('a');
  });
});

describe('routeReport', () => {
  const agencyNames = { dlhk: 'DLHK Kota Kupang', pupr: 'Dinas PUPR', triage: 'Pusat Pengaduan' };
  const triage = { agencySlug: 'triage', responseHours: 48 };
  const rules: RoutingRule[] = [
    { id: 'r1', name: 'Sampah, Kecamatan Oebobo', categoryCode: 'sampah', jurisdictionCode: '53.71.04', agencySlug: 'dlhk', responseHours: 24 },
    { id: 'r2', name: 'Jalan, Kota Kupang', categoryCode: 'jalan', jurisdictionCode: '53.71', agencySlug: 'pupr', responseHours: 72 },
  ];
  const located: Located = {
    code: '53.71.04.1001',
    ancestry: oebobo,
    candidates: ['53.71.04.1001', '53.71.04', '53.71'],
    tieBreak: false,
    alsoContaining: [],
    tieBreakBy: null,
  };

  it('routes a point by the most specific rule and says why', () => {
    const decision = routeReport({ rules, categoryCode: 'sampah', categoryName: 'Sampah', located, triage, agencyNames });
    expect(decision).toEqual({
      method: 'point',
      jurisdictionCode: '53.71.04.1001',
      agencySlug: 'dlhk',
      responseHours: 24,
      ruleId: 'r1',
      reason: "Point is in Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang; rule 'Sampah, Kecamatan Oebobo' → DLHK Kota Kupang",
      reasonId: "Titik berada di Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang; aturan 'Sampah, Kecamatan Oebobo' → DLHK Kota Kupang",
    });
  });

  it('routes a named jurisdiction and falls back to the triage desk without a rule', () => {
    const decision = routeReport({ rules, categoryCode: 'jalan-rusak', categoryName: 'Jalan rusak', named: fatululi, triage, agencyNames });
    expect(decision).toEqual({
      method: 'named',
      jurisdictionCode: '53.71.04.1011',
      agencySlug: 'triage',
      responseHours: 48,
      ruleId: null,
      reason: "Resident chose Kelurahan Fatululi (Kecamatan Oebobo, Kota Kupang); no rule for 'Jalan rusak' there → triage desk Pusat Pengaduan",
      reasonId: "Warga memilih Kelurahan Fatululi (Kecamatan Oebobo, Kota Kupang); belum ada aturan untuk 'Jalan rusak' di sana → meja triase Pusat Pengaduan",
    });
    const cityWide = routeReport({ rules, categoryCode: 'jalan', categoryName: 'Jalan', named: fatululi, triage, agencyNames });
    expect(cityWide).toMatchObject({ agencySlug: 'pupr', responseHours: 72, ruleId: 'r2' });
  });

  it('mentions a tie-break and how it was decided', () => {
    const tied: Located = {
      ...located,
      candidates: ['53.71.04.1001', '53.71.04.1011', '53.71.04', '53.71'],
      tieBreak: true,
      alsoContaining: [fatululi[0]!],
      tieBreakBy: 'depth',
    };
    const decision = routeReport({ rules, categoryCode: 'sampah', categoryName: 'Sampah', located: tied, triage, agencyNames });
    expect(decision.reason).toBe(
      "Point is in Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang; point also lies in Kelurahan Fatululi; chose Kelurahan Oebobo, where it lies deeper inside; rule 'Sampah, Kecamatan Oebobo' → DLHK Kota Kupang",
    );
    const onEdge = routeReport({ rules, categoryCode: 'sampah', categoryName: 'Sampah', located: { ...tied, tieBreakBy: 'code' }, triage, agencyNames });
    expect(onEdge.reason).toContain('chose Kelurahan Oebobo, it lies on their shared boundary, so the lowest code wins');
    expect(decision.reasonId).toContain('titik juga berada di Kelurahan Fatululi; dipilih Kelurahan Oebobo, tempat titik berada lebih dalam');
    expect(onEdge.reasonId).toContain('karena titik tepat di batas bersama, kode terendah yang dipakai');
  });

  it('explains a real point located by the index', () => {
    const [lng, lat] = [123.58, -10.05];
    expect(kupang.locate(lng, lat)).toBeNull();
    const point = kupang.locate(123.6045, -10.2045)!;
    const decision = routeReport({ rules, categoryCode: 'sampah', categoryName: 'Sampah', located: point, triage, agencyNames });
    expect(decision.reason).toMatch(/^Point is in Kelurahan [^,]+, Kecamatan [^,]+, Kota Kupang; /);
    expect(decision.jurisdictionCode).toBe(point.code);
  });

  it('shows the slug when the agency has no display name, and a chosen root without parentheses', () => {
    const decision = routeReport({
      rules: [rule('x', null, null, 'pln')],
      categoryCode: 'listrik',
      categoryName: 'Listrik',
      named: [{ code: '53.71', name: 'Kota Kupang', level: 2 }],
      triage,
      agencyNames,
    });
    expect(decision.reason).toBe("Resident chose Kota Kupang; rule 'Rule x' → pln");
  });

  it('throws unless exactly one of located and named is given', () => {
    const base = { rules, categoryCode: 'sampah', categoryName: 'Sampah', triage, agencyNames };
    expect(() => routeReport(base)).toThrow(TypeError);
    expect(() => routeReport({ ...base, located, named: fatululi })).toThrow(TypeError);
    expect(() => routeReport({ ...base, named: [] })).toThrow(TypeError);
  });
});
