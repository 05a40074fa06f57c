// Importing the widget's ES build registers <aduan-report> and <aduan-status>
// (Vite bundles it with Lit). Loading /widget/aduan.js with a script tag in
// index.html works just as well.
import '@aduan/widget';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.jsx';

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
