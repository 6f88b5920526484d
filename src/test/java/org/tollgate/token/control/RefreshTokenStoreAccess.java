package org.tollgate.token.control;

/** Lets tests outside the package look a stored refresh token up the way the store does. */
public final class RefreshTokenStoreAccess {

    private RefreshTokenStoreAccess() {
    }

    public static String hash(String value) {
        return RefreshTokenStore.hash(value);
    }
}
