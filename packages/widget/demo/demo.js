// The demo's only script (strict CSP: no inline scripts). `?lang=en` switches the page
// and, through <html lang>, the Aduan elements.
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'id';
document.documentElement.lang = lang;
if (lang === 'en') {
  for (const el of document.querySelectorAll('[data-en]')) {
    if (el instanceof HTMLMetaElement) el.content = el.dataset.en;
    else el.textContent = el.dataset.en;
  }
  document.title = document.title.replace('Layanan Pengaduan Warga', "Residents' complaint service");
}
for (const link of document.querySelectorAll('.langs a')) {
  if (link.hreflang === lang) link.setAttribute('aria-current', 'true');
}
