// Aduan's custom elements used from React 19: attributes are passed as props,
// and events are listened to through a ref.
import { useEffect, useRef, useState } from 'react';

/** The Aduan server's GraphQL endpoint (`npm start` in the repository root). */
const API = import.meta.env.VITE_ADUAN_API ?? 'http://localhost:4000/graphql';

export function App() {
  const formRef = useRef(null);
  const [lang, setLang] = useState('id');
  const [submitted, setSubmitted] = useState([]);

  useEffect(() => {
    const form = formRef.current;
    // detail.trackingCode is the new report's code, e.g. KPG-7K3QX-M2P9D.
    const onSubmitted = (event) => setSubmitted((codes) => [event.detail.trackingCode, ...codes]);
    const onError = (event) => console.warn('Aduan:', event.detail);
    form.addEventListener('aduan-submitted', onSubmitted);
    form.addEventListener('aduan-error', onError);
    return () => {
      form.removeEventListener('aduan-submitted', onSubmitted);
      form.removeEventListener('aduan-error', onError);
    };
  }, []);
  // React 19 can also take custom element events as props: <aduan-report onaduan-submitted={…}>.

  const latest = submitted[0];
  return (
    <main className="page">
      <header className="page__header">
        <h1>{lang === 'id' ? 'Laporkan masalah di kota Anda' : 'Report a problem in your city'}</h1>
        <label>
          {lang === 'id' ? 'Bahasa' : 'Language'}{' '}
          <select value={lang} onChange={(event) => setLang(event.target.value)}>
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>

      <section>
        <aduan-report ref={formRef} site="demo" api={API} lang={lang}></aduan-report>
      </section>

      {latest && (
        <section>
          <h2>{lang === 'id' ? 'Status laporan Anda' : 'Your report'}</h2>
          {/* key: a fresh element per code, so it looks the new one up at once. */}
          <aduan-status key={latest} site="demo" api={API} lang={lang} code={latest}></aduan-status>
          {submitted.length > 1 && (
            <p>
              {lang === 'id' ? 'Laporan sebelumnya' : 'Earlier reports'}: {submitted.slice(1).join(', ')}
            </p>
          )}
        </section>
      )}
    </main>
  );
}
