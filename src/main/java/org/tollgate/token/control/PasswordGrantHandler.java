package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.tollgate.clients.entity.Client;
import org.tollgate.users.control.LoginThrottle;
import org.tollgate.users.control.UserAuthenticator;
import org.tollgate.users.entity.User;

/** RFC 6749 section 4.3: resource owner password credentials. */
public final class PasswordGrantHandler implements GrantHandler {

    public static final String GRANT_TYPE = "password";

    private final UserAuthenticator users;
    private final LoginThrottle throttle;
    private final Clock clock;

    public PasswordGrantHandler(UserAuthenticator users, LoginThrottle throttle, Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public boolean checksPassword() {
        return true;
    }

    @Override
    public Grant handle(TokenRequest request, Client client, EntityManager em) {
        String username = TokenRequest.required(request.username(), TokenRequest.USERNAME);
        String password = TokenRequest.required(request.password(), TokenRequest.PASSWORD);
        Scope scope = ScopePolicy.grant(request.scope(), Scope.parse(client.getScope()));
        User user = authenticate(em, username, password, request.clientAddress());
        String family = client.allowsGrant(RefreshTokenGrantHandler.GRANT_TYPE) ? UUID.randomUUID().toString() : null;
        return Grant.signIn(user.getUsername(), clock.instant(), scope, family);
    }

    /**
     * A locked subject is refused without looking at the password (but after spending the same time), and
     * with the same answer as a wrong password, so neither the lock nor the account's existence shows.
     */
    private User authenticate(EntityManager em, String username, String password, String address) {
        LoginThrottle.Standing standing = throttle.standing(em, username, address);
        if (standing.locked()) {
            users.spendTimeOfACheck(password);
            throw invalidCredentials();
        }
        Optional<User> user = users.authenticate(em, username, password);
        if (user.isEmpty()) {
            throttle.recordFailure(em, username, address);
            throw invalidCredentials();
        }
        throttle.recordSuccess(em, username, standing);
        return user.get();
    }

    private static OAuthException invalidCredentials() {
        return new OAuthException(OAuthError.INVALID_GRANT, "Invalid resource owner credentials");
    }
}
