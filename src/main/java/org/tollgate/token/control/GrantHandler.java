package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import org.tollgate.clients.entity.Client;

/**
 * One grant type. The issuer has already authenticated the client and checked that it is registered
 * for this grant; a handler decides the subject and scope, inside the caller's transaction.
 */
public interface GrantHandler {

    String grantType();

    Grant handle(TokenRequest request, Client client, EntityManager em);

    /** False when the grant needs nothing from the database: it then runs without a transaction (em is null). */
    default boolean usesDatabase() {
        return true;
    }

    /** True when the grant checks a password: its transaction then waits for a KDF slot before it opens. */
    default boolean checksPassword() {
        return false;
    }
}
