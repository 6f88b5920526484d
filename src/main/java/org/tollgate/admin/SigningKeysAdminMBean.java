package org.tollgate.admin;

/** Signing key management, as JConsole and Tomcat's JMX proxy show it. */
public interface SigningKeysAdminMBean {

    /** The kid of the key that signs new tokens. */
    String getActiveKid();

    /** Every kid in the JWKS: the active key and those kept until their tokens expire. */
    String[] getPublishedKids();

    /** Makes a new key active now; returns its kid. The previous key stays published until its tokens expire. */
    String rotate();

    /** Stops publishing an inactive key at once (its tokens stop verifying); false if it cannot be retired. */
    boolean retire(String kid);
}
