// custom-elements.json (what editors and component catalogues read) and the README's tables,
// held against the elements themselves: the attributes each observes and, driven through
// its states, every part its shadow root holds, every event it dispatches, every slot it
// offers and every custom property its styles read. A scan of the sources adds what a
// state not driven here could hide: no part or event can be added without documenting it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenReportsByAreaDocument, StatisticsDocument, type AduanClient, type NearbyReport, type SubmitReportInput } from '@aduan/client';
import type { LitElement } from 'lit';
import manifestText from '../custom-elements.json?raw';
import readme from '../README.md?raw';
import { ensureDefined } from '../src/common/lazy-elements.js';
import { configureOutbox, enqueue, replayOutbox } from '../src/common/outbox.js';
import { $, clearOutbox, fakeClient, offline, report, set, siteWithMap, statistics, submitted } from './fixtures.js';

const TAGS = ['aduan-report', 'aduan-status', 'aduan-statistics', 'aduan-launcher'] as const;
type Tag = (typeof TAGS)[number];

/** Each element's folder under src/: a part or an event written in one of its files is that element's. */
const FOLDERS: Record<string, Tag> = { 'report-form': 'aduan-report', status: 'aduan-status', statistics: 'aduan-statistics', launcher: 'aduan-launcher' };

/** Every source file's text, by its path ('../src/report-form/receipt.chunk.ts'). */
const sources = import.meta.glob<string>('../src/**/*.ts', { query: '?raw', import: 'default', eager: true });
/** 'report-form' for '../src/report-form/receipt.chunk.ts'. */
const folderOf = (path: string) => path.split('/')[2]!;

// ---- What the manifest and the README say --------------------------------------------

interface Named {
  name: string;
}
interface Declaration {
  tagName?: string;
  attributes?: (Named & { fieldName?: string })[];
  members?: (Named & { kind: string })[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: (Named & { default?: string })[];
}
const manifest = JSON.parse(manifestText) as { modules: { declarations?: Declaration[] }[] };

function declared(tag: Tag): Declaration {
  const declaration = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
  if (!declaration) throw new Error(`custom-elements.json has no ${tag}`);
  return declaration;
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();
const names = (list: Named[] | undefined) => sorted((list ?? []).map((x) => x.name));

/** The body rows of the table under the README heading `heading`, as trimmed cells. */
function readmeTable(heading: string): string[][] {
  const section = readme.split(/^#+ /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`README.md has no section "${heading}"`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}
/** `code` spans in a README cell. */
const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
/** The elements a README cell names. */
const tagsIn = (cell: string) => [...cell.matchAll(/<(aduan-[a-z]+)>/g)].map((m) => m[1]!);

// ---- What the elements are and do ----------------------------------------------------

async function elementClass(tag: Tag): Promise<typeof LitElement> {
  if (tag === 'aduan-status' || tag === 'aduan-statistics') await ensureDefined(tag);
  return customElements.get(tag) as unknown as typeof LitElement;
}

/** The attribute Lit reflects a property to and from, if any. */
function attributeOf(element: typeof LitElement, property: string): string | null | undefined {
  const options = element.elementProperties.get(property);
  if (!options) return undefined;
  if (options.attribute === false) return null;
  return typeof options.attribute === 'string' ? options.attribute : property.toLowerCase();
}

/** What an element was seen to show and do while it was driven. */
interface Seen {
  parts: Set<string>;
  slots: Set<string>;
  events: Set<string>;
  /** Each custom property its styles read, with the fallback they give it. */
  properties: Map<string, string>;
}
const seen = Object.fromEntries(TAGS.map((tag) => [tag, { parts: new Set(), slots: new Set(), events: new Set(), properties: new Map() }])) as Record<
  Tag,
  Seen
>;
const watching: [Tag, HTMLElement][] = [];

/**
 * Mounts `tag` with `client`, noting from its first render on every part and slot its
 * shadow root holds (a MutationObserver: a part shown for a moment counts) and every
 * event it dispatches.
 */
async function watched<K extends Tag>(tag: K, attrs: Record<string, string>, client: AduanClient): Promise<HTMLElementTagNameMap[K]> {
  await elementClass(tag);
  const record = seen[tag];
  const el = document.createElement(tag);
  const dispatch = el.dispatchEvent.bind(el);
  el.dispatchEvent = (event: Event) => {
    record.events.add(event.type);
    return dispatch(event);
  };
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.client = client;
  document.body.append(el);
  const note = (node: Node) => {
    if (!(node instanceof Element || node instanceof ShadowRoot)) return;
    const all = node instanceof Element ? [node, ...node.querySelectorAll('*')] : [...node.querySelectorAll('*')];
    for (const e of all) {
      for (const part of e.part) record.parts.add(part);
      if (e instanceof HTMLSlotElement) record.slots.add(e.name);
    }
  };
  const root = el.shadowRoot!;
  new MutationObserver((records) => {
    for (const r of records) {
      note(r.target);
      r.addedNodes.forEach(note);
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['part'] });
  await el.updateComplete;
  note(root);
  watching.push([tag, el]);
  return el;
}

/** Notes the custom properties the element's styles read (its own and those its chunks adopted). */
function noteStyles(tag: Tag, el: HTMLElement): void {
  const texts = (rules: CSSRuleList): string[] => [...rules].flatMap((r) => (r instanceof CSSGroupingRule ? texts(r.cssRules) : [r.cssText]));
  for (const sheet of el.shadowRoot!.adoptedStyleSheets) {
    for (const text of texts(sheet.cssRules)) {
      for (const [, name, fallback] of text.matchAll(/var\((--aduan-[\w-]+),\s*([^)]*)\)/g)) seen[tag].properties.set(name!, fallback!.trim());
    }
  }
}

const ready = (el: HTMLElement) => vi.waitFor(() => $(el, 'select[name=category] option[value=pothole]'), { timeout: 5000 });

const nearby: NearbyReport = {
  handle: 'opaque-handle-1',
  category: 'pothole',
  status: 'IN_PROGRESS',
  ageDays: 3,
  distance: 'UNDER_100_M',
  supporters: 2,
  area: { code: '53.71.04.1001', name: 'Oebobo', displayName: 'Kelurahan Oebobo' },
};

beforeEach(async () => {
  await clearOutbox();
  localStorage.clear();
});
afterEach(() => {
  for (const [tag, el] of watching.splice(0)) noteStyles(tag, el);
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

// ---- The comparisons -----------------------------------------------------------------

/** Fails unless the parts, slots, events and custom properties seen are the manifest's and the README's. */
function expectDocumented(tag: Tag): void {
  const declaration = declared(tag);
  const shown = seen[tag];
  expect(sorted(shown.parts), `${tag}: parts shown / custom-elements.json`).toEqual(names(declaration.cssParts));
  const readmeParts = readmeTable('Parts').filter(([element]) => tagsIn(element!).includes(tag));
  expect(sorted(readmeParts.map(([, part]) => ticked(part!)[0]!)), `${tag}: parts shown / README`).toEqual(sorted(shown.parts));

  expect(sorted(shown.slots), `${tag}: slots / custom-elements.json`).toEqual(names(declaration.slots));
  const readmeSlots = readmeTable('Slots').filter(([element]) => tagsIn(element!).includes(tag));
  expect(sorted(readmeSlots.map(([, slot]) => ticked(slot!)[0]!)), `${tag}: slots / README`).toEqual(sorted(shown.slots));

  expect(sorted(shown.events), `${tag}: events dispatched / custom-elements.json`).toEqual(names(declaration.events));
  const readmeEvents = readmeTable('Events').filter(([, from]) => tagsIn(from!).includes(tag));
  expect(sorted(readmeEvents.map(([event]) => ticked(event!)[0]!)), `${tag}: events dispatched / README`).toEqual(sorted(shown.events));

  expect(sorted(shown.properties.keys()), `${tag}: custom properties read / custom-elements.json`).toEqual(names(declaration.cssProperties));
  for (const property of declaration.cssProperties ?? []) {
    expect(shown.properties.get(property.name), `${property.name}: the styles' fallback / its documented default`).toMatch(
      new RegExp(`^${property.default?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  }
}

describe('custom-elements.json and the README, against the elements driven through their states', () => {
  it('<aduan-report>: the form, its errors, a point with what is reported near it, a map, the receipt, “Laporan saya”, a refusal, offline and sent later', async () => {
    // Errors, a GPS point with the routing preview and an open report nearby, followed instead.
    vi.spyOn(navigator.geolocation, 'getCurrentPosition').mockImplementation((ok) =>
      ok({ coords: { latitude: -10.17, longitude: 123.6 } } as GeolocationPosition),
    );
    let el = await watched('aduan-report', { site: 'demo', lang: 'id' }, fakeClient({ similarReports: vi.fn(async () => [nearby]) }));
    await ready(el);
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '[part=field-error]'));
    set(el, 'category', 'pothole');
    $(el, 'button[name=locate]').click();
    await vi.waitFor(() => $(el, '[part=nearby] button[name=support]'));
    await vi.waitFor(() => $(el, '[part=routing]'));
    $(el, 'button[name=support]').click();
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('aduan-status')?.code).toBe('K7QX-4M2P'));
    el.remove();

    // The map.
    el = await watched('aduan-report', { site: 'demo', lang: 'id' }, fakeClient({ site: vi.fn(async () => siteWithMap) }));
    await ready(el);
    (await vi.waitFor(() => $(el, 'button[name=openMap]'))).click();
    await vi.waitFor(() => $(el, '[part=map] .aduan-pin'));
    el.remove();

    // Sent: the receipt with the links to share it (no Web Share here), then "Laporan saya".
    Object.defineProperty(navigator, 'share', { value: undefined, configurable: true });
    try {
      el = await watched('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
      await ready(el);
      set(el, 'category', 'other');
      set(el, 'description', 'Saluran air tersumbat di gang.');
      $(el, 'button[type=submit]').click();
      await vi.waitFor(() => $(el, '[part=success] [part=share]'));
      $(el, '[part=success] button:not([name])').click(); // "Buat laporan lain"
      (await vi.waitFor(() => $(el, 'button[name=mine]'))).click();
      await vi.waitFor(() => $(el, '[part=mine] li'));
    } finally {
      delete (navigator as { share?: unknown }).share;
    }
    el.remove();

    // Refused by the server.
    const refusal = { __typename: 'InvalidInput' as const, code: 'VALIDATION_FAILED', message: 'Uraian terlalu pendek.', fields: [] };
    el = await watched('aduan-report', { site: 'demo', lang: 'id' }, fakeClient({ submitReport: vi.fn(async () => refusal) }));
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Saluran air tersumbat.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, 'form').textContent).toContain('Uraian terlalu pendek.'));
    el.remove();

    // Offline: the report waits on the device, and the form says how many wait.
    let online = false;
    const client = fakeClient({
      submitReport: vi.fn(async () => {
        if (!online) throw offline();
        return submitted;
      }),
    });
    configureOutbox(() => client);
    el = await watched('aduan-report', { site: 'demo', lang: 'id' }, client);
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Lampu jalan mati di gang.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '[part=queued]'));
    await vi.waitFor(() => $(el, '[part=waiting]'));
    el.remove();
    await clearOutbox();

    // A report left from an earlier page load goes once the connection is back, and the form says so.
    online = true;
    const earlier: SubmitReportInput = { site: 'demo', category: 'other', description: 'Dikirim saat offline kemarin', idempotencyKey: 'earlier-key' };
    await enqueue({ key: 'earlier-key', api: client.url, input: earlier, photos: [], createdAt: 1 });
    el = await watched('aduan-report', { site: 'demo', lang: 'id' }, client);
    await ready(el);
    await replayOutbox();
    await vi.waitFor(() => $(el, '[part=sent-later]'));

    expect(sorted(seen['aduan-report'].events)).toEqual(['aduan-error', 'aduan-queued', 'aduan-ready', 'aduan-submitted', 'aduan-supported']);
    for (const [tag, shown] of watching.splice(0)) noteStyles(tag, shown);
    expectDocumented('aduan-report');
  });

  it('<aduan-status>: a report overdue, one the reporter may confirm or reopen, and a lookup that fails', async () => {
    const resolved = { ...report, trackingCode: 'R3SV-LVED', status: 'RESOLVED' as const, reopenableUntil: new Date(Date.now() + 86_400_000).toISOString() };
    localStorage.setItem('aduan-key:R3SV-LVED', 'kunci-perangkat-ini-0123456789abcdef');
    const reportStatus = vi.fn(async (code: string) => {
      if (code === 'OFFL-INE0') throw offline();
      return code === 'R3SV-LVED' ? resolved : report;
    });
    const el = await watched('aduan-status', { code: 'K7QX-4M2P', lang: 'id' }, fakeClient({ reportStatus }));
    await vi.waitFor(() => $(el, '[part=overdue]'));
    el.code = 'R3SV-LVED';
    await vi.waitFor(() => $(el, '[part=actions]'));
    el.code = 'OFFL-INE0';
    await vi.waitFor(() => expect(seen['aduan-status'].events).toContain('aduan-error'));
    for (const [tag, shown] of watching.splice(0)) noteStyles(tag, shown);
    expectDocumented('aduan-status');
  });

  it('<aduan-statistics>: the numbers, the map of open reports, and numbers that cannot load', async () => {
    const byArea = [
      { area: { code: '53.71.04.1001', name: 'Oebobo', displayName: 'Kelurahan Oebobo', labelPoint: { lat: -10.168, lng: 123.611 } }, count: 9, open: 3 },
    ];
    let el = await watched(
      'aduan-statistics',
      { site: 'demo', lang: 'id' },
      fakeClient({
        site: vi.fn(async () => siteWithMap),
        request: vi.fn(async (document: unknown) => {
          if (document === StatisticsDocument) return { statistics } as never;
          if (document === OpenReportsByAreaDocument) return { statistics: { byArea } } as never;
          throw new Error('not faked');
        }) as never,
      }),
    );
    (await vi.waitFor(() => $(el, 'button[name=map]'))).click();
    await vi.waitFor(() => $(el, '[part=open-map] .aduan-count'));
    el.remove();
    el = await watched('aduan-statistics', { site: 'demo', lang: 'id' }, fakeClient({ request: vi.fn(async () => Promise.reject(offline())) as never }));
    await vi.waitFor(() => expect(seen['aduan-statistics'].events).toContain('aduan-error'));
    for (const [tag, shown] of watching.splice(0)) noteStyles(tag, shown);
    expectDocumented('aduan-statistics');
  });

  it('<aduan-launcher>: the button, its dialog with the form, closed again', async () => {
    const el = await watched('aduan-launcher', { site: 'demo', lang: 'id' }, fakeClient());
    $(el, 'button[part=button]').click();
    const dialog = $(el, 'dialog') as HTMLDialogElement;
    await vi.waitFor(() => expect(dialog.open).toBe(true));
    await vi.waitFor(() => $(dialog.querySelector('aduan-report')!, 'select[name=category] option[value=pothole]'));
    $(el, 'button[part=close]').click();
    await vi.waitFor(() => expect(dialog.open).toBe(false));
    for (const [tag, shown] of watching.splice(0)) noteStyles(tag, shown);
    expectDocumented('aduan-launcher');
  });
});

describe('attributes and properties', () => {
  it.each(TAGS)('%s: the attributes it observes are the manifest’s, its JSDoc’s and the README’s, each with its property', async (tag) => {
    const element = await elementClass(tag);
    const observed = sorted(element.observedAttributes);
    const declaration = declared(tag);
    expect(names(declaration.attributes), 'custom-elements.json').toEqual(observed);
    for (const attribute of declaration.attributes ?? []) expect(attributeOf(element, attribute.fieldName!), attribute.name).toBe(attribute.name);
    // Tools that read only the class's JSDoc (web-component-analyzer, lit-analyzer) see these.
    const [, source] = Object.entries(sources).find(([path]) => FOLDERS[folderOf(path)] === tag && path.endsWith('.component.ts'))!;
    const jsdoc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export class/.exec(source)![1]!;
    expect(sorted([...jsdoc.matchAll(/@attr\s+([\w-]+)/g)].map((m) => m[1]!)), '@attr in the class JSDoc').toEqual(observed);

    const properties = [...element.elementProperties].filter(([, options]) => !options.state).map(([name]) => String(name));
    const members = (declaration.members ?? []).filter((m) => m.kind === 'field').map((m) => m.name);
    expect(members, 'custom-elements.json members').toEqual(expect.arrayContaining(properties));

    // The README's rows name the elements they are for; a row naming none is for every element.
    const rows = readmeTable('Attributes and properties').filter(([, , , , meaning]) => !tagsIn(meaning!).length || tagsIn(meaning!).includes(tag));
    // `lang` is the global HTML attribute, followed by a MutationObserver rather than observed.
    const attributes = rows.map(([attribute]) => ticked(attribute!)[0]).filter((a): a is string => a !== undefined && a !== 'lang');
    expect(sorted(attributes), 'README').toEqual(observed);
    for (const [attribute, property] of rows) {
      const name = ticked(property!)[0]!;
      if (name === 'lang') continue;
      expect(attributeOf(element, name), `README: ${tag}'s property ${name}`).toBe(ticked(attribute!)[0] ?? null);
    }
  });
});

// ---- The sources ---------------------------------------------------------------------

/** Every `part="…"` written in the sources, by the element whose folder holds it. */
function partsWritten(): Record<Tag, Set<string>> {
  const parts = Object.fromEntries(TAGS.map((tag) => [tag, new Set<string>()])) as Record<Tag, Set<string>>;
  for (const [path, source] of Object.entries(sources)) {
    expect(source, `${path}: a part bound to an expression cannot be documented; write it out`).not.toMatch(/\spart=\$\{/);
    for (const [, list] of source.matchAll(/\spart="([^"]*)"/g)) {
      const tag = FOLDERS[folderOf(path)];
      expect(tag, `${path} writes part="${list}" outside an element's folder`).toBeDefined();
      for (const part of list!.split(/\s+/)) parts[tag!].add(part);
    }
  }
  return parts;
}

/**
 * Every event the sources send on an element — through `emit(element, 'name', …)` or
 * `this.dispatchEvent(new CustomEvent('name'…))` — or on `document`, by where it is sent.
 * Events on the widget's own EventTargets (the outbox's) stay inside it.
 */
function eventsSent(): Record<Tag | 'document', Set<string>> {
  const events = Object.fromEntries([...TAGS, 'document'].map((to) => [to, new Set<string>()])) as Record<Tag | 'document', Set<string>>;
  for (const [path, source] of Object.entries(sources)) {
    const sent = [
      ...[...source.matchAll(/\bemit\(\s*\w+,\s*'([^']+)'/g)].map(([, name]) => ['element', name!]),
      ...[...source.matchAll(/\b(\w+)\.dispatchEvent\(\s*new (?:Custom)?Event(?:<[^>]*>)?\(([^,)]*)/g)].flatMap(([, target, type]) =>
        [...type!.matchAll(/'([a-z][a-z0-9-]*)'/g)].map(([, name]) => [target, name!]),
      ),
    ];
    for (const [target, name] of sent) {
      if (target === 'document') events.document.add(name!);
      else if (target === 'element' || target === 'this') {
        const tag = FOLDERS[folderOf(path)];
        expect(tag, `${path} sends ${name} outside an element's folder`).toBeDefined();
        events[tag!].add(name!);
      }
    }
  }
  return events;
}

describe('the sources', () => {
  it('every part written is documented, for its element, in custom-elements.json and the README', () => {
    const written = partsWritten();
    for (const tag of TAGS) expect(sorted(written[tag]), tag).toEqual(names(declared(tag).cssParts));
    expect(sorted(readmeTable('Parts').flatMap(([element, part]) => tagsIn(element!).map((tag) => `${tag} ${ticked(part!)[0]}`)))).toEqual(
      sorted(TAGS.flatMap((tag) => [...written[tag]].map((part) => `${tag} ${part}`))),
    );
  });

  it('every event sent is documented where it is sent from, and typed in HTMLElementEventMap', () => {
    const sent = eventsSent();
    for (const tag of TAGS) expect(sorted(sent[tag]), tag).toEqual(names(declared(tag).events));
    const from = (cell: string) => [...tagsIn(cell), ...(/`document`/.test(cell) ? ['document'] : [])];
    expect(sorted(readmeTable('Events').flatMap(([event, cell]) => from(cell!).map((to) => `${ticked(event!)[0]} from ${to}`)))).toEqual(
      sorted(Object.entries(sent).flatMap(([to, names]) => [...names].map((name) => `${name} from ${to}`))),
    );
    const typed = Object.values(sources).flatMap((source) => {
      const block = /interface HTMLElementEventMap \{\n([\s\S]*?)\n {2}\}/.exec(source)?.[1] ?? '';
      return [...block.matchAll(/^\s*'([\w-]+)'\s*:/gm)].map(([, name]) => name!);
    });
    expect(sorted(typed)).toEqual(sorted(Object.values(sent).flatMap((names) => [...names])));
  });

  it('the README lists every custom property with its default, as the manifest does', () => {
    const documented = new Map(TAGS.flatMap((tag) => (declared(tag).cssProperties ?? []).map((p) => [p.name, p.default] as const)));
    // Each row: a property and its default, and its dark-theme twin if it has one.
    const listed = new Map(
      readmeTable('CSS custom properties').flatMap(([light, lightDefault, dark, darkDefault]) => {
        const rows: [string, string | undefined][] = [[ticked(light!)[0]!, ticked(lightDefault!)[0]?.replace(/, …$/, '')]];
        if (dark) rows.push([ticked(dark)[0]!, ticked(darkDefault!)[0]]);
        return rows;
      }),
    );
    expect(sorted(listed.keys())).toEqual(sorted(documented.keys()));
    for (const [name, value] of documented) expect(listed.get(name), name).toBe(value);
  });
});
