import { readFileSync } from 'node:fs';

// The analyzer reads Lit's `static properties`, including internal `state: true` ones:
// drop everything private (leading underscore) from the public manifest.
const isPublic = (x) => !x.name?.startsWith('_') && x.privacy !== 'private' && x.privacy !== 'protected';

/**
 * The theme's custom properties are documented once, with `@cssprop` in the comment on
 * `baseStyles` (src/common/base.styles.ts), where they are read. The analyzer reads
 * `@cssprop` on classes only: give them to every element whose `static styles` include the theme.
 */
function themeProperties() {
  const source = readFileSync(new URL('src/common/base.styles.ts', import.meta.url), 'utf8');
  const comment = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export const baseStyles\b/.exec(source)?.[1];
  if (!comment) throw new Error('src/common/base.styles.ts: no comment on baseStyles to read the theme from');
  // `@cssprop [--name=default] - description`, as the analyzer reads it on a class.
  const theme = [...comment.matchAll(/@cssprop\s+\[(--[\w-]+)=([^\]]+)\]\s+-\s+([^\n]*)/g)].map(([, name, value, description]) => ({
    name,
    description: description.trim(),
    default: value,
  }));
  const themed = new Set();
  return {
    name: 'aduan-theme-properties',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node)) return;
      const styles = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'styles');
      if (styles?.initializer && /\bbaseStyles\b/.test(styles.initializer.getText())) themed.add(`${moduleDoc.path}#${node.name.getText()}`);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) {
          if (themed.has(`${mod.path}#${d.name}`)) d.cssProperties = [...theme, ...(d.cssProperties ?? [])];
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.component.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    themeProperties(),
    {
      name: 'aduan-hide-internals',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const d of mod.declarations ?? []) {
            if (d.members) d.members = d.members.filter(isPublic);
            if (d.attributes) d.attributes = d.attributes.filter(isPublic);
          }
        }
      },
    },
  ],
};
