/**
 * Why the form's start did not load. With no answer while the device is online, the
 * server may well be up and this page's origin not allowed (the browser hides a CORS
 * refusal as a network error): a request the browser does not check (`no-cors`) tells,
 * and the webmaster is told in the console which origin to register. Where this chunk
 * itself cannot load, the form says the connection failed.
 */
import { isNetworkError, type AduanNetworkError } from '@aduan/client';
import { addStrings } from '../first-script.js';

export const whyNotLoadedStrings = {
  id: { notRegistered: 'Formulir ini belum dapat dipakai: situs ini belum terdaftar di Aduan. Beri tahu pengelola situs.' },
  en: {
    notRegistered: 'The complaint form cannot be used on this website yet: the website is not registered with Aduan. Please tell the website’s manager.',
  },
};
addStrings(whyNotLoadedStrings);

export async function whyNotLoaded(error: unknown, api: string, site: string): Promise<'loadFailed' | 'notRegistered' | 'genericError'> {
  if (!isNetworkError(error) || (error as AduanNetworkError).reason === 'busy' || (error as AduanNetworkError).reason === 'server') return 'genericError';
  if (!navigator.onLine) return 'loadFailed';
  try {
    await fetch(new URL('/healthz', api), { mode: 'no-cors', cache: 'no-store' });
  } catch {
    return 'loadFailed';
  }
  console.error(`Aduan: add ${location.origin} to allowedOrigins of site ${site}`);
  return 'notRegistered';
}
