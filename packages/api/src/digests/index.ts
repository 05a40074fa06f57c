// The agencies' daily digest: when it is due in each city (digest-setting.ts,
// digest-schedule.ts), cutting it once per agency and working day with its mail in the
// outbox (cut-digests.ts), and composing that mail when it is sent (digest-mail.ts).
export { composeDigestMail, MAX_LISTED_PER_KIND } from './digest-mail.js';
export { cutDigests, DIGEST_EVENT, type DigestItem, type DigestKind, type DigestPass } from './cut-digests.js';
export { dueDigest, type DueDigest } from './digest-schedule.js';
export { DEFAULT_DIGEST_TIME, DIGEST_TIME, digestSetting, readDigestSettings, type DigestSetting } from './digest-setting.js';
