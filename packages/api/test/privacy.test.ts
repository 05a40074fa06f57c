// Residents' privacy is a promise: nothing public may reach who reported, how
// to contact them, the exact point, what they wrote, their photos, or internal notes.
import { isObjectType, getNamedType, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';

const FORBIDDEN =
  /reporter|name$|email|phone|contact|lat$|lng$|^lat|^lng|point|location|coordinates|description|placeText|internal|idempotency|site|routingDecision|photo|^id$/i;

/** Every field reachable from a type, as `Type.field`, following object types. */
function reachableFields(root: GraphQLNamedType): { path: string; type: string; field: string }[] {
  const seen = new Set<string>();
  const out: { path: string; type: string; field: string }[] = [];
  const visit = (type: GraphQLNamedType, path: string) => {
    if (!isObjectType(type) || seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      out.push({ path: `${path}.${field.name}`, type: type.name, field: field.name });
      visit(getNamedType(field.type), `${path}.${field.name}`);
    }
  };
  visit(root, root.name);
  return out;
}

// Names of public things that are allowed despite matching the pattern above.
const ALLOWED = new Set([
  'Category.name',
  'Category.description', // the category's own explanation, not the resident's text
  'Category.locationRequired', // whether the category needs a place, not a place
  'LocalizedText.id', // the Indonesian text of a name
  'Agency.name',
  'Agency.shortName',
  'Jurisdiction.name',
  'Jurisdiction.displayName',
  'NearbyArea.name',
  'NearbyArea.displayName',
]);

describe('PublicReport privacy', () => {
  it('exposes no identity, contact, point, description, photo or internal note anywhere it reaches', () => {
    const publicReport = schema.getType('PublicReport');
    expect(publicReport).toBeDefined();
    const fields = reachableFields(publicReport!);
    expect(fields.map((f) => f.path)).toContain('PublicReport.timeline.note');
    const leaks = fields.filter((f) => FORBIDDEN.test(f.field) && !ALLOWED.has(`${f.type}.${f.field}`));
    expect(leaks.map((f) => f.path)).toEqual([]);
  });

  it('NearbyReport (similarReports) has only the thin public fields and nothing private', () => {
    const nearby = schema.getType('NearbyReport');
    expect(isObjectType(nearby) && Object.keys(nearby.getFields()).sort()).toEqual([
      'ageDays',
      'area',
      'category',
      'distance',
      'handle',
      'status',
      'supporters',
    ]);
    const fields = reachableFields(nearby!);
    expect(fields.map((f) => f.path)).toContain('NearbyReport.area.displayName');
    const leaks = fields.filter((f) => FORBIDDEN.test(f.field) && !ALLOWED.has(`${f.type}.${f.field}`));
    expect(leaks.map((f) => f.path)).toEqual([]);
  });

  it('the check itself catches a leak', () => {
    expect(FORBIDDEN.test('reporterEmail')).toBe(true);
    expect(FORBIDDEN.test('internalNote')).toBe(true);
    expect(FORBIDDEN.test('lat')).toBe(true);
    expect(FORBIDDEN.test('description')).toBe(true);
    expect(FORBIDDEN.test('photos')).toBe(true);
    expect(FORBIDDEN.test('photoUrl')).toBe(true);
  });

  it('the public timeline entry has only a time, its kind of step, a status and a public note', () => {
    const event = schema.getType('PublicEvent');
    expect(isObjectType(event) && Object.keys(event.getFields()).sort()).toEqual(['at', 'kind', 'note', 'status']);
    // The kind says what happened, never who did it: no actor, no internal kinds.
    const kind = schema.getType('PublicEventKind');
    expect(
      kind &&
        'getValues' in kind &&
        kind
          .getValues()
          .map((v) => v.name)
          .sort(),
    ).toEqual(['PUBLIC_NOTE', 'REROUTED', 'STATUS_CHANGED', 'SUBMITTED']);
  });
});
