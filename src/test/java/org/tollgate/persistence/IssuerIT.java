package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tollgate.persistence.InProcessTollgate.issue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;

/**
 * An issuer configured with a trailing slash: a resource server that discovers the metadata and then checks
 * each token's iss against its issuer (Spring's issuer-uri does both) must find one and the same string
 * (RFC 8414 section 2, RFC 9068 section 4); the endpoints are the issuer without that slash plus their path.
 */
class IssuerIT {

    @TempDir
    Path dataDir;

    @Test
    void whenTheIssuerIsSetWithATrailingSlashThenMetadataAndTokensNameTheSameIssuer() throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir, Settings.ISSUER, "https://login.example/tollgate/")) {
            Map<String, Object> metadata = tollgate.metadata().document();
            JWTClaimsSet claims = SignedJWT.parse(issue(tollgate, "service", "service-secret",
                    "grant_type", "client_credentials").accessToken()).getJWTClaimsSet();

            assertEquals("https://login.example/tollgate/", metadata.get("issuer"), "the issuer as configured");
            assertEquals(metadata.get("issuer"), claims.getIssuer());
            assertEquals(metadata.get("issuer"), claims.getAudience().get(0), "the audience defaults to the issuer");
            assertEquals("https://login.example/tollgate/oauth/token", metadata.get("token_endpoint"));
        }
    }
}
