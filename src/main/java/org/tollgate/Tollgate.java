package org.tollgate;

import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import org.tollgate.admin.Importer;
import org.tollgate.clients.control.ClientAuthenticator;
import org.tollgate.config.Settings;
import org.tollgate.keys.control.JwtSigner;
import org.tollgate.keys.control.SigningKeys;
import org.tollgate.persistence.Database;
import org.tollgate.token.control.AccessTokenFactory;
import org.tollgate.token.control.ClientCredentialsGrantHandler;
import org.tollgate.token.control.PasswordGrantHandler;
import org.tollgate.token.control.RefreshTokenGrantHandler;
import org.tollgate.token.control.RefreshTokenStore;
import org.tollgate.token.control.TokenIssuer;
import org.tollgate.token.control.TokenLifetimes;
import org.tollgate.users.control.PasswordHasher;
import org.tollgate.users.control.UserAuthenticator;

/** One running Tollgate: its database, its signing key and its token issuer, wired from the settings. */
public final class Tollgate implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Tollgate.class.getName());

    private final Database database;
    private final TokenIssuer tokenIssuer;
    private final JWK signingKey;
    private final Settings settings;

    private Tollgate(Settings settings, Database database, TokenIssuer tokenIssuer, JWK signingKey) {
        this.settings = settings;
        this.database = database;
        this.tokenIssuer = tokenIssuer;
        this.signingKey = signingKey;
    }

    /** Opens and migrates the database, runs the import, loads the signing key. */
    public static Tollgate start(Settings settings) {
        Clock clock = Clock.systemUTC();
        PasswordHasher hasher = PasswordHasher.DEFAULT;
        Database database = Database.open(settings);
        try {
            var emf = database.entityManagerFactory();
            settings.find(Settings.IMPORT).map(Path::of).ifPresent(file -> new Importer(emf, hasher).importFile(file));
            JWK key = new SigningKeys(emf, clock).activeKey(settings.get(Settings.SIGNING_ALG));
            UserAuthenticator users = new UserAuthenticator(hasher);
            RefreshTokenStore refreshTokens = new RefreshTokenStore(clock);
            TokenIssuer issuer = new TokenIssuer(emf, new ClientAuthenticator(hasher),
                    List.of(new PasswordGrantHandler(users), new ClientCredentialsGrantHandler(),
                            new RefreshTokenGrantHandler(refreshTokens, users, clock)),
                    new AccessTokenFactory(new JwtSigner(key), settings.get(Settings.ISSUER), settings.audience(), clock),
                    refreshTokens,
                    new TokenLifetimes(settings.getSeconds(Settings.ACCESS_TOKEN_TTL),
                            settings.getSeconds(Settings.REFRESH_TOKEN_TTL)));
            LOG.info(() -> "Tollgate started: issuer " + settings.get(Settings.ISSUER) + ", signing key "
                    + key.getKeyID() + " (" + key.getAlgorithm() + ")");
            return new Tollgate(settings, database, issuer, key);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public Settings settings() {
        return settings;
    }

    public TokenIssuer tokenIssuer() {
        return tokenIssuer;
    }

    /** The public half of the active signing key. */
    public JWK publicSigningKey() {
        return signingKey.toPublicJWK();
    }

    @Override
    public void close() {
        database.close();
    }
}
