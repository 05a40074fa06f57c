// The analyzer reads Lit's `static properties`, including internal `state: true` ones:
// drop everything private (leading underscore) from the public manifest.
const isPublic = (x) => !x.name?.startsWith('_') && x.privacy !== 'private' && x.privacy !== 'protected';

export default {
  globs: ['src/**/*.component.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
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
