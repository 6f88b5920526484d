-- When the user of a refresh token family signed in (the password grant that began it): refreshed access
-- tokens carry it as auth_time (RFC 9068 section 2.2.1). Null for families begun before this column.
ALTER TABLE refresh_tokens ADD COLUMN authenticated_at TIMESTAMP(6) WITH TIME ZONE;
