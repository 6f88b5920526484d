-- Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE TABLE clients (
    client_id         VARCHAR(255)  NOT NULL PRIMARY KEY,
    secret_hash       VARCHAR(255),
    auth_method       VARCHAR(32)   NOT NULL,
    grant_types       VARCHAR(255)  NOT NULL,
    scope             VARCHAR(1000) NOT NULL,
    access_token_ttl  BIGINT,
    refresh_token_ttl BIGINT,
    enabled           BOOLEAN       NOT NULL,
    version           BIGINT        NOT NULL
);

CREATE TABLE users (
    username      VARCHAR(255) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    version       BIGINT       NOT NULL
);

CREATE TABLE refresh_tokens (
    token_hash VARCHAR(64)   NOT NULL PRIMARY KEY,
    family_id  VARCHAR(36)   NOT NULL,
    client_id  VARCHAR(255)  NOT NULL,
    username   VARCHAR(255)  NOT NULL,
    scope      VARCHAR(1000) NOT NULL,
    issued_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    rotated_at TIMESTAMP(6) WITH TIME ZONE,
    revoked_at TIMESTAMP(6) WITH TIME ZONE,
    version    BIGINT        NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE signing_keys (
    kid         VARCHAR(64)   NOT NULL PRIMARY KEY,
    alg         VARCHAR(16)   NOT NULL,
    jwk         VARCHAR(8000) NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    active_slot INTEGER       UNIQUE,
    version     BIGINT        NOT NULL
);
