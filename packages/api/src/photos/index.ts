// Report photos: checking uploads, re-encoding them, and where they are kept. The S3
// storage is not exported here: open-storage.ts loads it (and the AWS SDK) only when used.
export { detectImageType, type ImageType } from './image-type.js';
export { checkPhotos, preparePhotos, PHOTO_LIMITS, type PreparedPhoto, type UploadedPhoto } from './prepare.js';
export { newPhotoKey, type PhotoEntry, type PhotoStorage, type StoredPhoto } from './storage.js';
export { DiskPhotoStorage, photoStorageIn } from './disk-storage.js';
export { openPhotoStorage, openS3PhotoStorage } from './open-storage.js';
export { copyPhotos, type CopySummary } from './copy.js';
