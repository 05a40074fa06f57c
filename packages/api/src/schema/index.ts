// Assembles the GraphQL schema: one module per type, imported for its side effects.
import { builder } from './builder.js';
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

export const schema = builder.toSchema({ sortSchema: false });
