-- The photo-link and proof-of-work keys now derive from the server's secret
-- (ADUAN_SECRET or the data directory), never from the database: the old keys go.
DELETE FROM "Setting" WHERE "key" IN ('delivery.photoLinkKey', 'abuse.proofOfWork.signatureKey', 'abuse.proofOfWork.keySignatureKey');
