/**
 * The styles a part brings into the form's shadow root (the location, photos and receipt
 * chunks), added the first time it renders there, so the first script carries only the
 * form's own. Adopted like the element's own, which a page policy without
 * 'unsafe-inline' allows; where a browser cannot adopt stylesheets, a <style> with the
 * page's `litNonce`, as Lit does.
 */
import type { CSSResult, LitElement } from 'lit';

const added = new WeakMap<Node, Set<CSSResult>>();

export function addStyles(element: LitElement, styles: CSSResult): void {
  const root = element.renderRoot;
  const done = added.get(root) ?? new Set();
  if (done.has(styles)) return;
  added.set(root, done.add(styles));
  if (root instanceof ShadowRoot && styles.styleSheet) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
  } else {
    const style = document.createElement('style');
    const nonce = (globalThis as { litNonce?: string }).litNonce;
    if (nonce) style.setAttribute('nonce', nonce);
    style.textContent = styles.cssText;
    root.appendChild(style);
  }
}
