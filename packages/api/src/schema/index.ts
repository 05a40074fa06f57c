// Assembles the GraphQL schema: one module per type, imported for its side effects.
import { builder } from './builder.js';
import { FEDERATION_LINK_URL, withoutFederation } from './federation.js';
import './agency.js';
import './category.js';
import './jurisdiction.js';
import './public-report.js';
import './site.js';
import './site-admin.js';
import './city-admin.js';
import './staff-admin.js';
import './privacy-admin.js';
import './submit-report.js';
import './routing-preview.js';
import './staff.js';
import './staff-report.js';
import './inbox.js';
import './workflow.js';
import './assignment.js';
import './delivery.js';
import './statistics.js';
import './subscription.js';
import './similar-reports.js';

/**
 * What /graphql serves: the schema as a federation subgraph, with `_entities` and `_service`
 * for routers and `@link` importing only the federation directives it uses. Sorted by name
 * (types, fields, enum values), as the federation plugin builds it.
 */
export const schema = builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK_URL });

/** The schema as clients see it (`schema.graphql`): what is served, less the federation machinery. */
export const clientSchema = withoutFederation(schema);
