package org.tollgate.admin;

import com.nimbusds.jose.jwk.JWK;
import java.util.logging.Logger;
import org.tollgate.keys.control.KeyRing;

/** The signing-key MBean: a thin adapter over the key ring, logging every change. */
public final class SigningKeysAdmin implements SigningKeysAdminMBean {

    private static final Logger LOG = Logger.getLogger(SigningKeysAdmin.class.getName());

    private final KeyRing keys;

    public SigningKeysAdmin(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public String getActiveKid() {
        return keys.activeKid();
    }

    @Override
    public String[] getPublishedKids() {
        return keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toArray(String[]::new);
    }

    @Override
    public String rotate() {
        String previous = keys.activeKid();
        String active = keys.rotate();
        LOG.info(() -> "Admin rotated the signing key: " + previous + " -> " + active);
        return active;
    }

    @Override
    public boolean retire(String kid) {
        boolean retired = keys.retire(kid);
        LOG.info(() -> "Admin retire of signing key " + kid + ": " + (retired ? "retired" : "refused"));
        return retired;
    }
}
