package org.tollgate.persistence;

import jakarta.persistence.EntityManager;

/** Finds an entity by a key that came from a request. */
public final class Keys {

    private Keys() {
    }

    /**
     * The entity, or null. A key holding a NUL character matches nothing and is not sent to the database:
     * PostgreSQL text cannot hold NUL, so no stored key has one, and PostgreSQL fails the query instead of
     * finding nothing.
     */
    public static <T> T find(EntityManager em, Class<T> type, String key) {
        if (key == null || key.indexOf('\u0000') >= 0) {
            return null;
        }
        return em.find(type, key);
    }
}
