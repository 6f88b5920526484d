package org.tollgate.clients.control;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tollgate.clients.entity.Client;
import org.tollgate.config.Settings;
import org.tollgate.token.control.ClientCredentialsGrantHandler;
import org.tollgate.token.control.PasswordGrantHandler;
import org.tollgate.token.control.RefreshTokenGrantHandler;
import org.tollgate.token.control.Scope;

/**
 * What makes client metadata valid, shared by the import file and the management operations. Each check
 * adds its problems to a list, prefixed with where the value came from; no problem text echoes a value.
 */
public final class ClientRules {

    public static final Set<String> GRANT_TYPES = Set.of(PasswordGrantHandler.GRANT_TYPE,
            ClientCredentialsGrantHandler.GRANT_TYPE, RefreshTokenGrantHandler.GRANT_TYPE);
    /** The column sizes of the clients table. */
    static final int MAX_ID = 255;
    static final int MAX_SCOPE = 1000;

    private ClientRules() {
    }

    public static void checkClientId(String at, String clientId, List<String> problems) {
        if (clientId == null || clientId.isBlank()) {
            problems.add(at + ".client_id is required");
        } else if (clientId.length() > MAX_ID) {
            problems.add(at + ".client_id is longer than " + MAX_ID + " characters");
        }
    }

    /** @return true when the method is known */
    public static boolean checkAuthMethod(String at, String method, List<String> problems) {
        if (method == null || !Client.AUTH_METHODS.contains(method)) { // Set.of(...) throws on null
            problems.add(at + ".token_endpoint_auth_method must be one of " + Client.AUTH_METHODS);
            return false;
        }
        return true;
    }

    public static void checkGrantTypes(String at, List<String> grantTypes, boolean isPublic, List<String> problems) {
        if (grantTypes == null || grantTypes.isEmpty()) {
            problems.add(at + ".grant_types is required");
        } else if (grantTypes.stream().anyMatch(Objects::isNull) || !GRANT_TYPES.containsAll(grantTypes)) {
            // nulls first: Set.of(...).containsAll throws on one
            problems.add(at + ".grant_types may only hold " + GRANT_TYPES);
        } else if (isPublic && grantTypes.contains(ClientCredentialsGrantHandler.GRANT_TYPE)) {
            problems.add(at + ": a public client cannot use client_credentials");
        }
    }

    public static void checkScope(String at, String scope, List<String> problems) {
        try {
            Scope.parse(scope);
            if (scope != null && scope.length() > MAX_SCOPE) {
                problems.add(at + ".scope is longer than " + MAX_SCOPE + " characters");
            }
        } catch (IllegalArgumentException e) {
            problems.add(at + ".scope is not a space-separated list of scope tokens");
        }
    }

    public static void checkLifetimes(String at, Long accessTokenTtl, Long refreshTokenTtl, List<String> problems) {
        checkLifetime(at + ".access_token_ttl", accessTokenTtl, problems);
        checkLifetime(at + ".refresh_token_ttl", refreshTokenTtl, problems);
    }

    private static void checkLifetime(String name, Long seconds, List<String> problems) {
        if (seconds != null && (seconds <= 0 || seconds > Settings.MAX_SECONDS)) {
            problems.add(name + " must be from 1 to " + Settings.MAX_SECONDS + " seconds (ten years)");
        }
    }
}
