// Vitest global setup: the database templates every test file starts from.
import type { TestProject } from 'vitest/node';
import { postgresAdminUrl } from './databases.js';
import { buildTemplates, type Templates } from './templates.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: Templates;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('databaseTemplates', await buildTemplates(postgresAdminUrl));
}
