export { addStaffAccount, disableStaffAccount, normalizeEmail, resetStaffPassword, type AddStaffInput } from './accounts.js';
export { createApiToken, listApiTokens, revokeApiToken, type ApiTokenSummary } from './api-tokens.js';
export { SESSION_COOKIE, clearedSessionCookie, sessionCookie, requestIsSecure } from './cookies.js';
export { changePassword, checkNewPassword, MIN_PASSWORD_LENGTH } from './change-password.js';
export { StaffError } from './errors.js';
export { hashPassword, verifyPassword } from './password.js';
export { STAFF_ROLES, parseRole } from './roles.js';
export { login, logout } from './sessions.js';
export { authenticate, AuthenticationError, type Viewer } from './viewer.js';
