-- Failed password logins per username and per client address, shared by every node.
CREATE TABLE login_failures (
    subject      VARCHAR(320) NOT NULL PRIMARY KEY,
    failures     INTEGER      NOT NULL,
    window_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP(6) WITH TIME ZONE,
    version      BIGINT       NOT NULL
);
