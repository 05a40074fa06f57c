// The server as a library, for tests, examples and embedding.
export { openDatabase, type Database, type DatabaseOptions } from './db/database.js';
export { applyMigrations } from './db/migrate.js';
export { applyCityConfig, loadCityConfig, CityConfigError } from './city-config/index.js';
export { RoutingCatalog } from './routing/catalog.js';
export { createGraphQLHandler } from './server/graphql.js';
export { createFrontDoor, type FrontDoorOptions } from './server/front-door.js';
export { createHttpServer } from './server/http-server.js';
export { DiskPhotoStorage, type PhotoStorage } from './photos/index.js';
export { startService, type RunningService } from './service.js';
export { environment, readEnvironment, type Environment } from './environment.js';
export { schema } from './schema/index.js';
