// One answer, two formats. JSON is the spec's "Spark convention" mapping of its XML:
// a list element (`<services>`) becomes an array of its items (`<service>`), an
// empty element becomes null. XML is built from the same value with XMLBuilder, so
// the two can never disagree on fields.
import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Root element and item element of every list the spec defines. */
export const LIST_ITEMS = {
  services: 'service',
  service_requests: 'request',
  /** mySociety's extension (updates.ts). */
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
} as const;

export type ListName = keyof typeof LIST_ITEMS;

/** The root a document is written under in XML: a list (`services`) or an object (`discovery`). */
export type Root = ListName | 'discovery' | 'service_definition';

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true });

// XML 1.0 cannot carry most control characters at all, even escaped.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function toXmlValue(value: unknown, key: string | null): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const item = key !== null && key in LIST_ITEMS ? LIST_ITEMS[key as ListName] : null;
    if (!item) throw new Error(`No XML item name for the list "${key}".`);
    return value.length === 0 ? '' : { [item]: value.map((entry) => toXmlValue(entry, item)) };
  }
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    if (entry === undefined) continue; // left out, not empty
    out[name] = toXmlValue(entry, name);
  }
  return out;
}

export function render(format: Format, root: Root, body: unknown): string {
  if (format === 'json') return JSON.stringify(body);
  const tree = { [root]: toXmlValue(body, root) };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(tree)}`;
}
