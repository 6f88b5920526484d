-- The token a refresh rotated this one into; the refresh grace window (refresh-token.grace) honours
-- only the token whose successor is still live. Cleared once the grace has been used.
ALTER TABLE refresh_tokens ADD COLUMN successor_hash VARCHAR(64);
