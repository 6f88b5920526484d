package org.tollgate.admin;

import com.nimbusds.jose.jwk.JWK;
import java.util.logging.Logger;
import org.tollgate.keys.control.KeyRing;
import org.tollgate.operations.control.AuditLog;

/** The signing-key MBean: a thin adapter over the key ring, logging every change. */
public final class SigningKeysAdmin implements SigningKeysAdminMBean {

    private static final Logger LOG = Logger.getLogger(SigningKeysAdmin.class.getName());

    private final KeyRing keys;
    private final AdminActions actions;

    public SigningKeysAdmin(KeyRing keys, AuditLog audit) {
        this.keys = keys;
        this.actions = new AdminActions(audit);
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
        String active = actions.run("admin.keys.rotate", null, null, keys::rotate, "kid", previous);
        LOG.info(() -> "Admin rotated the signing key: " + previous + " -> " + active);
        return active;
    }

    @Override
    public boolean retire(String kid) {
        try {
            actions.run("admin.keys.retire", null, null, () -> {
                if (!keys.retire(kid)) {
                    throw new IllegalArgumentException("Key " + kid + " is active, retired already or unknown");
                }
                return true;
            }, "kid", kid);
            LOG.info(() -> "Admin retired signing key " + kid);
            return true;
        } catch (IllegalArgumentException refused) {
            return false; // audited as refused; the operation's contract answers false
        }
    }
}
