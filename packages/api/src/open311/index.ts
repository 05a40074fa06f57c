export { open311Dependencies, type Open311Dependencies } from './dependencies.js';
export { publicLocationSetting, PUBLIC_LOCATIONS, COARSE_DECIMALS, type PublicLocation } from './location.js';
export { handleOpen311, isOpen311Path, OPEN311_BASE_PATH } from './routes.js';
