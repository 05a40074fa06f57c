// Report photos: checking uploads, re-encoding them, and where they are kept.
export { detectImageType, type ImageType } from './image-type.js';
export { checkPhotos, preparePhotos, PHOTO_LIMITS, type PreparedPhoto, type UploadedPhoto } from './prepare.js';
export { DiskPhotoStorage, newPhotoKey, photoStorageIn, type PhotoStorage, type StoredPhoto } from './storage.js';
