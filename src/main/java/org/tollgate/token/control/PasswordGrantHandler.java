package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.tollgate.clients.entity.Client;
import org.tollgate.users.control.UserAuthenticator;
import org.tollgate.users.entity.User;

/** RFC 6749 section 4.3: resource owner password credentials. */
public final class PasswordGrantHandler implements GrantHandler {

    public static final String GRANT_TYPE = "password";

    private final UserAuthenticator users;

    public PasswordGrantHandler(UserAuthenticator users) {
        this.users = users;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Grant handle(TokenRequest request, Client client, EntityManager em) {
        String username = TokenRequest.required(request.username(), TokenRequest.USERNAME);
        String password = TokenRequest.required(request.password(), TokenRequest.PASSWORD);
        Scope scope = ScopePolicy.grant(request.scope(), Scope.parse(client.getScope()));
        User user = users.authenticate(em, username, password)
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_GRANT, "Invalid resource owner credentials"));
        String family = client.allowsGrant(RefreshTokenGrantHandler.GRANT_TYPE) ? UUID.randomUUID().toString() : null;
        return new Grant(user.getUsername(), user.getUsername(), scope, family);
    }
}
