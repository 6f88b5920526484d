-- A key that is no longer active stays published until retire_after, when every token it signed has expired.
ALTER TABLE signing_keys ADD COLUMN retire_after TIMESTAMP(6) WITH TIME ZONE;

-- Revoked access tokens, by jti, kept until the token would have expired anyway.
CREATE TABLE revoked_access_tokens (
    jti        VARCHAR(64)  NOT NULL PRIMARY KEY,
    client_id  VARCHAR(255) NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version    BIGINT       NOT NULL
);
