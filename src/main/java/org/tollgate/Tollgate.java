package org.tollgate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.tollgate.admin.Importer;
import org.tollgate.clients.control.ClientAuthenticator;
import org.tollgate.clients.control.ClientCache;
import org.tollgate.config.Settings;
import org.tollgate.discovery.control.ServerMetadata;
import org.tollgate.keys.control.KeyEncryption;
import org.tollgate.keys.control.KeyEncryptionKey;
import org.tollgate.keys.control.KeyRing;
import org.tollgate.keys.control.KeyRotationSchedule;
import org.tollgate.keys.control.SigningKeys;
import org.tollgate.keys.control.SigningProvider;
import org.tollgate.keys.control.SigningThreads;
import org.tollgate.operations.control.ExpiredRowsPurge;
import org.tollgate.operations.control.Operations;
import org.tollgate.persistence.Database;
import org.tollgate.persistence.DatabaseLocation;
import org.tollgate.persistence.DatabaseUnavailableException;
import org.tollgate.token.control.AccessTokenFactory;
import org.tollgate.token.control.AccessTokenVerifier;
import org.tollgate.token.control.ClientCredentialsGrantHandler;
import org.tollgate.token.control.PasswordGrantHandler;
import org.tollgate.token.control.RefreshGrace;
import org.tollgate.token.control.RefreshTokenGrantHandler;
import org.tollgate.token.control.RefreshTokenStore;
import org.tollgate.token.control.TokenIntrospector;
import org.tollgate.token.control.TokenIssuer;
import org.tollgate.token.control.TokenLifetimes;
import org.tollgate.token.control.TokenRevoker;
import org.tollgate.token.control.UnitOfWork;
import org.tollgate.users.control.PasswordHasher;
import org.tollgate.users.control.LoginThrottle;
import org.tollgate.users.control.ThrottlePolicy;
import org.tollgate.users.control.UserAuthenticator;

/** One running Tollgate: its database, its keys and its endpoints' control objects, wired from the settings. */
public final class Tollgate implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Tollgate.class.getName());

    private final Settings settings;
    private final Database database;
    private final KeyRing keyRing;
    private final SigningThreads signingThreads;
    private final KeyRotationSchedule rotationSchedule;
    private final ExpiredRowsPurge purge;
    private final TokenIssuer tokenIssuer;
    private final TokenIntrospector tokenIntrospector;
    private final TokenRevoker tokenRevoker;
    private final ServerMetadata metadata;
    private final Operations operations;

    private Tollgate(Settings settings, Database database, KeyRing keyRing, SigningThreads signingThreads,
                     PasswordHasher hasher, Clock clock) {
        this.settings = settings;
        this.database = database;
        this.keyRing = keyRing;
        this.signingThreads = signingThreads;
        String issuer = settings.get(Settings.ISSUER);
        UnitOfWork unitOfWork = new UnitOfWork(database.entityManagerFactory());
        ClientCache clientCache = new ClientCache(unitOfWork, clock);
        ClientAuthenticator clients = new ClientAuthenticator(hasher, clientCache, unitOfWork);
        UserAuthenticator users = new UserAuthenticator(hasher);
        RefreshTokenStore refreshTokens = new RefreshTokenStore(clock);
        AccessTokenVerifier verifier = new AccessTokenVerifier(keyRing, issuer);
        ThrottlePolicy userThrottle = ThrottlePolicy.forUsers(settings);
        ThrottlePolicy addressThrottle = ThrottlePolicy.forAddresses(settings);
        LoginThrottle throttle = new LoginThrottle(database.entityManagerFactory(), userThrottle, addressThrottle,
                clock);
        this.tokenIssuer = new TokenIssuer(unitOfWork, clients,
                List.of(new PasswordGrantHandler(users, throttle, clock),
                        new ClientCredentialsGrantHandler(),
                        new RefreshTokenGrantHandler(refreshTokens, users, clock,
                                RefreshGrace.parse(Settings.REFRESH_TOKEN_GRACE,
                                        settings.get(Settings.REFRESH_TOKEN_GRACE)))),
                new AccessTokenFactory(keyRing, issuer, settings.audience(), clock),
                refreshTokens,
                new TokenLifetimes(settings.getSeconds(Settings.ACCESS_TOKEN_TTL),
                        settings.getSeconds(Settings.REFRESH_TOKEN_TTL)));
        this.tokenIntrospector = new TokenIntrospector(unitOfWork, clients, clientCache, verifier, refreshTokens, users,
                issuer, clock);
        this.tokenRevoker = new TokenRevoker(unitOfWork, clients, verifier, refreshTokens);
        this.metadata = new ServerMetadata(unitOfWork, issuer, tokenIssuer.grantTypes(),
                () -> keyRing.signer().algorithm());
        this.rotationSchedule = settings.find(Settings.SIGNING_ROTATION)
                .map(KeyRotationSchedule::parseInterval)
                .map(interval -> new KeyRotationSchedule(keyRing, interval, clock))
                .orElse(null);
        this.operations = new Operations(database.entityManagerFactory(), keyRing, hasher, clientCache, refreshTokens,
                throttle, tokenIssuer.grantTypes(), clock);
        this.purge = new ExpiredRowsPurge(database.entityManagerFactory(), Duration.ofSeconds(
                Math.max(userThrottle.windowSeconds(), addressThrottle.windowSeconds())), clock);
    }

    /** Opens and migrates the database, runs the import, loads the signing keys. */
    public static Tollgate start(Settings settings) {
        return start(settings, DatabaseLocation.of(settings));
    }

    /** @throws DatabaseUnavailableException when the database cannot be reached; nothing was started */
    public static Tollgate start(Settings settings, DatabaseLocation location) {
        Clock clock = Clock.systemUTC();
        PasswordHasher hasher = PasswordHasher.fromSettings(settings);
        Database database = Database.open(location);
        SigningThreads signingThreads = SigningThreads.perCore();
        try {
            var emf = database.entityManagerFactory();
            settings.find(Settings.IMPORT).map(Path::of)
                    .ifPresent(file -> new Importer(emf, hasher, clock).importFile(file));
            KeyEncryption encryption = new KeyEncryption(KeyEncryptionKey.load(
                    settings.find(Settings.KEYS_ENCRYPTION_KEY), Path.of(settings.get(Settings.DATA_DIR))));
            KeyRing keyRing = new KeyRing(new SigningKeys(emf, clock, settings.getSeconds(Settings.ACCESS_TOKEN_TTL),
                    encryption), settings.get(Settings.SIGNING_ALG),
                    SigningProvider.named(settings.find(Settings.SIGNING_PROVIDER)), signingThreads, clock);
            Tollgate tollgate = new Tollgate(settings, database, keyRing, signingThreads, hasher, clock);
            LOG.info(() -> "Tollgate started: issuer " + settings.get(Settings.ISSUER) + ", signing key "
                    + keyRing.activeKid() + " (" + settings.get(Settings.SIGNING_ALG) + ")");
            return tollgate;
        } catch (RuntimeException e) {
            signingThreads.close();
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

    public TokenIntrospector tokenIntrospector() {
        return tokenIntrospector;
    }

    public TokenRevoker tokenRevoker() {
        return tokenRevoker;
    }

    public ServerMetadata metadata() {
        return metadata;
    }

    /** The signing keys; also the administrators' entry point for rotating and retiring them. */
    public KeyRing keyRing() {
        return keyRing;
    }

    /** Management, audit, metrics and health. */
    public Operations operations() {
        return operations;
    }

    @Override
    public void close() {
        try {
            purge.close();
            operations.close();
            if (rotationSchedule != null) {
                rotationSchedule.close();
            }
            signingThreads.close();
        } finally {
            database.close();
        }
    }
}
