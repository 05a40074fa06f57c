// One base class for every error Aduan raises on purpose: a code a program can act
// on, and one sentence safe to show whoever asked (no personal data, no secret).
// Each adapter turns it into its own answer in one place: GraphQL in
// server/graphql.ts (maskError), Open311 in open311/routes.ts, the command line in
// cli.ts. Anything that is not an AduanError is a bug, and is masked.

export class AduanError extends Error {
  constructor(
    message: string,
    /** Stable and upper-case, e.g. `FORBIDDEN`, `INVALID_TRANSITION`, `CITY_CONFIG_INVALID`. */
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
