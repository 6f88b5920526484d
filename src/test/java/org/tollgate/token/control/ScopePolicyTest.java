package org.tollgate.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScopePolicyTest {

    private final Scope registered = Scope.parse("read write");

    @Test
    void whenNoScopeIsRequestedThenAllRegisteredScopeIsGranted() {
        assertEquals(registered, ScopePolicy.grant(null, registered));
        assertEquals(registered, ScopePolicy.grant("", registered));
    }

    @Test
    void whenASubsetIsRequestedThenExactlyItIsGranted() {
        assertEquals(Scope.of("write"), ScopePolicy.grant("write", registered));
    }

    @Test
    void whenTheRequestExceedsTheRegistrationThenInvalidScope() {
        OAuthException e = assertThrows(OAuthException.class, () -> ScopePolicy.grant("read admin", registered));
        assertEquals(OAuthError.INVALID_SCOPE, e.error());
    }

    @Test
    void whenTheScopeBreaksRfcSyntaxThenInvalidScope() {
        for (String malformed : new String[] {"read  write", " read", "read\"", "r\\d", "caf\u00e9", "read\twrite"}) {
            OAuthException e = assertThrows(OAuthException.class, () -> ScopePolicy.grant(malformed, registered),
                    malformed);
            assertEquals(OAuthError.INVALID_SCOPE, e.error());
        }
    }

    @Test
    void whenPrintedThenTokensAreSpaceSeparatedInRequestOrder() {
        assertEquals("write read", Scope.parse("write read").toString());
    }
}
