import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { $, fakeClient, mount, report, set } from './fixtures.js';

afterEach(() => document.body.replaceChildren());

async function violations(el: Element): Promise<string[]> {
  const result = await axe.run(el, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.each(['id', 'en'])('axe-core, lang=%s', (lang) => {
  describe.each(['light', 'dark'])('theme=%s', (theme) => {
    it('form (with errors) has no violations', async () => {
      const el = await mount('aduan-report', { site: 'demo', lang, theme }, fakeClient());
      await vi.waitFor(() => $(el, 'select[name=jurisdiction] option[value="53.71.04.1001"]'));
      expect(await violations(el)).toEqual([]);
      $(el, 'button[type=submit]').click();
      await vi.waitFor(() => $(el, '#e-category'));
      expect(await violations(el)).toEqual([]);
    });

    it('success and status views have no violations', async () => {
      const el = await mount('aduan-report', { site: 'demo', lang, theme }, fakeClient());
      await vi.waitFor(() => $(el, 'select[name=category] option[value=other]'));
      set(el, 'category', 'other');
      set(el, 'description', 'Saluran air tersumbat.');
      $(el, 'button[type=submit]').click();
      await vi.waitFor(() => $(el, '[part=success]'));
      expect(await violations(el)).toEqual([]);
      $(el, 'button[name=follow]').click();
      const status = await vi.waitFor(() => {
        const s = el.shadowRoot!.querySelector('aduan-status');
        if (!s?.shadowRoot?.querySelector('[part=timeline]')) throw new Error('not yet');
        return s;
      });
      expect(await violations(status)).toEqual([]);
      expect(await violations(el)).toEqual([]);
    });

    it('the reporter’s “fixed” / “not fixed” section and its reopen form have no violations', async () => {
      localStorage.setItem('aduan-key:K7QX-4M2P', 'kunci-perangkat-ini-0123456789abcdef');
      const resolved = { ...report, status: 'RESOLVED' as const, overdue: false, reopenableUntil: new Date(Date.now() + 86_400_000).toISOString() };
      const el = await mount('aduan-status', { code: 'K7QX-4M2P', lang, theme }, fakeClient({ reportStatus: vi.fn(async () => resolved) }));
      await vi.waitFor(() => $(el, 'button[name=reopen]'));
      expect(await violations(el)).toEqual([]);
      $(el, 'button[name=reopen]').click();
      await vi.waitFor(() => $(el, '#reason'));
      expect(await violations(el)).toEqual([]);
      localStorage.removeItem('aduan-key:K7QX-4M2P');
    });

    it('launcher dialog has no violations', async () => {
      const el = await mount('aduan-launcher', { site: 'demo', lang, theme }, fakeClient());
      expect(await violations(el)).toEqual([]);
      await userEvent.click($(el, 'button[part=button]'));
      const form = await vi.waitFor(() => {
        const f = el.shadowRoot!.querySelector('aduan-report');
        if (!f?.shadowRoot?.querySelector('option[value=pothole]')) throw new Error('not yet');
        return f;
      });
      expect(form).toBeTruthy();
      expect(await violations(el)).toEqual([]);
      ($(el, 'dialog') as HTMLDialogElement).close();
    });
  });
});

describe('axe-core check itself', () => {
  it('catches a low-contrast theme override (so the checks above can fail)', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'en', theme: 'light' }, fakeClient());
    await vi.waitFor(() => $(el, 'select[name=category] option[value=other]'));
    el.style.setProperty('--aduan-muted', '#c8c8c8');
    expect((await violations(el)).join()).toContain('color-contrast');
  });
});
