import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { addLauncher } from '../src/define.js';
import { $, fakeClient, mount } from './fixtures.js';

afterEach(() => document.body.replaceChildren());

describe('<aduan-launcher>', () => {
  it('opens the form in a modal dialog and returns focus on Escape and on close', async () => {
    const el = await mount('aduan-launcher', { site: 'demo', lang: 'en' }, fakeClient());
    const button = $(el, 'button[part=button]');
    // English comes with its own chunk: Bahasa Indonesia until it is here.
    await vi.waitFor(() => expect(button.textContent).toBe('Report a problem'));
    button.focus();
    await userEvent.click(button);
    const dialog = $(el, 'dialog') as HTMLDialogElement;
    await vi.waitFor(() => expect(dialog.matches(':modal')).toBe(true));
    const form = dialog.querySelector('aduan-report')!;
    await vi.waitFor(() => $(form, 'select[name=category] option[value=pothole]'));
    expect(form.getAttribute('lang')).toBe('en');

    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(dialog.open).toBe(false));
    expect(el.shadowRoot!.activeElement).toBe(button);

    await userEvent.click(button);
    await vi.waitFor(() => expect(dialog.open).toBe(true));
    await userEvent.click($(el, 'button[part=close]'));
    await vi.waitFor(() => expect(dialog.open).toBe(false));
    expect(el.shadowRoot!.activeElement).toBe(button);
  });
});

describe('data-launcher on the script tag', () => {
  function scriptTag(launcher: boolean) {
    const script = document.createElement('script');
    script.type = 'text/plain'; // a stand-in for the embed tag, never run
    script.dataset['site'] = 'demo';
    if (launcher) script.dataset['launcher'] = '';
    document.body.append(script);
  }

  it('adds the launcher when the page has no form', () => {
    scriptTag(true);
    expect(addLauncher()?.tagName).toBe('ADUAN-LAUNCHER');
    expect(addLauncher()).toBeNull(); // never twice
  });

  it('does not add it next to an inline form, or without data-launcher', () => {
    scriptTag(true);
    document.body.append(document.createElement('aduan-report'));
    expect(addLauncher()).toBeNull();
    document.body.replaceChildren();
    scriptTag(false);
    expect(addLauncher()).toBeNull();
    expect(document.querySelector('aduan-launcher')).toBeNull();
  });
});
