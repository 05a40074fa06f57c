import { ConsoleApi } from '../src/common/api.js';
import '../src/define.js';

type Handler = (operation: string, variables: Record<string, unknown>) => unknown | Promise<unknown>;

/** A ConsoleApi whose fetch answers from `handler` (by operation name) and records requests. */
export function fakeApi(handler: Handler): { api: ConsoleApi; requests: { operation: string; headers: Headers; credentials?: RequestCredentials }[] } {
  const requests: { operation: string; headers: Headers; credentials?: RequestCredentials }[] = [];
  const api = new ConsoleApi('/graphql', async (_url, init) => {
    const body = JSON.parse(String(init?.body));
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    requests.push({ operation, headers: new Headers(init?.headers), credentials: init?.credentials });
    const data = await handler(operation, body.variables);
    return new Response(JSON.stringify(data instanceof Error ? { errors: [{ message: data.message, extensions: { code: data.name } }] } : { data }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { api, requests };
}

export async function mount<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]>): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  document.body.append(el);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

/**
 * Every match of `selector` in `el`'s shadow root, then in its light DOM (the app's
 * `<main>`), and in the open shadow roots of the elements inside them (as Playwright's
 * locators pierce them). A selector is matched within one shadow root: its combinators
 * never cross a boundary.
 */
export function $$<E extends HTMLElement = HTMLElement>(el: Element, selector: string): E[] {
  const found: E[] = [];
  const visit = (root: ShadowRoot | Element) => {
    for (const node of root.querySelectorAll<E>('*')) {
      if (node.matches(selector)) found.push(node);
      if (node.shadowRoot) visit(node.shadowRoot);
    }
  };
  visit(el.shadowRoot!);
  visit(el);
  return found;
}

/** The first match of `selector` in `el`'s shadow tree (nested shadow roots included), or null. */
export function find(el: Element, selector: string): HTMLElement | null {
  return $$(el, selector)[0] ?? null;
}

/** The first match of `selector` in `el`'s shadow tree (nested shadow roots included); throws if there is none. */
export function $(el: Element, selector: string): HTMLElement {
  const found = find(el, selector);
  if (!found) throw new Error(`${selector} not found`);
  return found;
}

/** The text of `el`'s shadow tree, nested shadow roots included, in the order it is shown. */
export function shadowText(el: Element): string {
  const text = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    const children = node instanceof Element && node.shadowRoot ? [...node.shadowRoot.childNodes, ...node.childNodes] : [...node.childNodes];
    return children.map(text).join('');
  };
  return [...el.shadowRoot!.childNodes].map(text).join('');
}

/** The element that has the keyboard inside `el`, through nested shadow roots. */
export function focused(el: Element): Element | null {
  let active = el.shadowRoot!.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
