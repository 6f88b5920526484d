package org.tollgate.it;

/** The clients and users of src/test/resources/it-import.json that the tests rely on. */
public final class Registered {

    /** Confidential; password, refresh_token, client_credentials; scope "read write". */
    public static final String APP = "app";
    public static final String APP_SECRET = "app-secret";
    /** Confidential, client_credentials only, registered for client_secret_post; scope "read". */
    public static final String SERVICE = "service";
    public static final String SERVICE_SECRET = "service-secret";
    /** Public (token_endpoint_auth_method none); password and refresh_token; scope "read". */
    public static final String SPA = "spa";
    /** Confidential, password only (so no refresh token); scope "read". */
    public static final String NO_REFRESH = "no-refresh";
    public static final String NO_REFRESH_SECRET = "no-refresh-secret";
    /** Confidential; password and refresh_token; refresh tokens live one second. */
    public static final String SHORT = "short";
    public static final String SHORT_SECRET = "short-secret";
    public static final String DISABLED_CLIENT = "disabled-client";
    public static final String DISABLED_CLIENT_SECRET = "disabled-secret";
    /** An id and a secret that only survive Basic when form-urlencoded first. */
    public static final String ODD_CLIENT = "odd:client";
    public static final String ODD_CLIENT_SECRET = "s3cret with spaces:+%&";

    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "alice-password";
    /** Disabled. */
    public static final String BOB = "bob";
    public static final String BOB_PASSWORD = "bob-password";
    /** Non-ASCII name and password: both encodings must carry them as UTF-8. */
    public static final String ZOE = "zo\u00eb";
    public static final String ZOE_PASSWORD = "gr\u00fc\u00dfe-\u2713-\u5bc6\u7801";

    private Registered() {
    }
}
