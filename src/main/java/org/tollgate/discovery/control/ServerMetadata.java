package org.tollgate.discovery.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.tollgate.token.control.Scope;
import org.tollgate.token.control.UnitOfWork;

/** The RFC 8414 authorization server metadata; every URL is built from the issuer. */
public final class ServerMetadata {

    public static final String TOKEN_PATH = "/oauth/token";
    public static final String JWKS_PATH = "/oauth/jwks";
    public static final String INTROSPECTION_PATH = "/oauth/introspect";
    public static final String REVOCATION_PATH = "/oauth/revoke";

    private final UnitOfWork unitOfWork;
    /** As configured: RFC 8414 section 2 and RFC 9068 section 4 want it identical to the tokens' iss. */
    private final String issuer;
    private final String base;
    private final List<String> grantTypes;
    /** The active key's: in a rolling change of signing.alg it is not yet this node's setting. */
    private final Supplier<String> signingAlgorithm;

    public ServerMetadata(UnitOfWork unitOfWork, String issuer, List<String> grantTypes,
                          Supplier<String> signingAlgorithm) {
        this.unitOfWork = unitOfWork;
        this.issuer = issuer;
        // RFC 8414 section 3.1: a terminating "/" is not part of the path the endpoints are appended to
        this.base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.grantTypes = List.copyOf(grantTypes);
        this.signingAlgorithm = signingAlgorithm;
    }

    public Map<String, Object> document() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("token_endpoint", base + TOKEN_PATH);
        metadata.put("jwks_uri", base + JWKS_PATH);
        metadata.put("introspection_endpoint", base + INTROSPECTION_PATH);
        metadata.put("revocation_endpoint", base + REVOCATION_PATH);
        metadata.put("grant_types_supported", grantTypes);
        metadata.put("response_types_supported", List.of());
        metadata.put("scopes_supported", scopes());
        metadata.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post", "none"));
        metadata.put("introspection_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post"));
        metadata.put("revocation_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post", "none"));
        // not registered by RFC 8414, which has no field for the access token's own signature
        metadata.put("access_token_signing_alg_values_supported", List.of(signingAlgorithm.get()));
        return metadata;
    }

    /** The union of every enabled client's registered scope; 503 temporarily_unavailable without the database. */
    private List<String> scopes() {
        List<String> registered = unitOfWork.run(em -> em.createQuery(
                "select c.scope from Client c where c.enabled = true", String.class).getResultList());
        TreeSet<String> scopes = new TreeSet<>();
        registered.forEach(scope -> scopes.addAll(Scope.parse(scope).tokens()));
        return List.copyOf(scopes);
    }
}
