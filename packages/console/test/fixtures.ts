import { ConsoleApi } from '../src/common/api.js';
import '../src/define.js';

type Handler = (operation: string, variables: Record<string, unknown>) => unknown;

/** A ConsoleApi whose fetch answers from `handler` (by operation name) and records requests. */
export function fakeApi(handler: Handler): { api: ConsoleApi; requests: { operation: string; headers: Headers; credentials?: RequestCredentials }[] } {
  const requests: { operation: string; headers: Headers; credentials?: RequestCredentials }[] = [];
  const api = new ConsoleApi('/graphql', async (_url, init) => {
    const body = JSON.parse(String(init?.body));
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    requests.push({ operation, headers: new Headers(init?.headers), credentials: init?.credentials });
    const data = handler(operation, body.variables);
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

export function $(el: Element, selector: string): HTMLElement {
  const found = el.shadowRoot!.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`${selector} not found`);
  return found;
}
