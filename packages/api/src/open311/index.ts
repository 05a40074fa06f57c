export { open311Dependencies, type Open311Dependencies } from './dependencies.js';
export { PUBLIC_LOCATION_SETTING, PUBLIC_LOCATIONS, COARSE_DECIMALS, type PublicLocation } from './location.js';
export { handleOpen311, isOpen311Path, OPEN311_BASE_PATH } from './routes.js';
