// Assembles the GraphQL schema: one module per type, imported for its side effects.
import { builder } from './builder.js';
import { FEDERATION_LINK, toSubgraphSchema } from './federation.js';
import './agency.js';
import './category.js';
import './jurisdiction.js';
import './public-report.js';
import './site.js';
import './submit-report.js';
import './routing-preview.js';
import './staff.js';
import './staff-report.js';
import './workflow.js';
import './assignment.js';
import './delivery.js';
import './statistics.js';
import './subscription.js';
import './similar-reports.js';

/** The schema as clients see it (`schema.graphql`): no federation machinery. */
export const clientSchema = builder.toSchema({ sortSchema: false, schemaDirectives: { link: FEDERATION_LINK } });

/** What /graphql serves: the client schema, plus `_entities` and `_service` for federation routers. */
export const schema = toSubgraphSchema(clientSchema);
