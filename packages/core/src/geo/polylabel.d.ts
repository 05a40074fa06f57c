// polylabel 2 ships no types; this is the one function it exports.
declare module 'polylabel' {
  /** The point of `polygon` (rings of [x, y], shell first) farthest from its edges, to within `precision`. */
  export default function polylabel(polygon: readonly (readonly (readonly number[])[])[], precision?: number): number[] & { distance: number };
}
