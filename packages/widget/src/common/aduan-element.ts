import { LitElement } from 'lit';

/**
 * Lit's element, with its first render in a task of its own. An element is defined and
 * connected by the script that brings it (the first script or a chunk); rendering in
 * that same task made one long task of the script's work and the render, which on a slow
 * phone held up the page. The form asks for its catalogue as it connects, before this.
 */
export class AduanElement extends LitElement {
  protected override async scheduleUpdate(): Promise<unknown> {
    if (!this.hasUpdated) await new Promise((resolve) => setTimeout(resolve));
    return super.scheduleUpdate();
  }
}
