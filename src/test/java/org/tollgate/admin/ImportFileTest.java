package org.tollgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("import.json"), json);
    }

    private String problemOf(String json) throws IOException {
        return assertThrows(ImportException.class, () -> ImportFile.read(write(json))).getMessage();
    }

    @Test
    void whenTheFileIsValidThenClientsAndUsersAreRead() throws IOException {
        ImportFile file = ImportFile.read(write("""
                {"clients": [{"client_id": "app", "client_secret": "s", "grant_types": ["password"],
                              "scope": "read", "access_token_ttl": 60},
                             {"client_id": "spa", "token_endpoint_auth_method": "none", "grant_types": ["password"]}],
                 "users": [{"username": "alice", "password": "pw"}]}"""));
        assertEquals(2, file.clients().size());
        assertEquals("client_secret_basic", file.clients().get(0).effectiveAuthMethod());
        assertEquals(60L, file.clients().get(0).accessTokenTtl());
        assertEquals("alice", file.users().get(0).username());
    }

    @Test
    void whenJsonIsMalformedThenTheMessageNamesFileAndPositionButNoValue() throws IOException {
        String message = problemOf("{\"users\": [{\"username\": \"alice\", \"password\": \"hunter2\" ");
        assertTrue(message.contains("import.json"), message);
        assertTrue(message.contains("line"), message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void whenAFieldIsUnknownThenItIsNamed() throws IOException {
        String message = problemOf("{\"clients\": [{\"client_id\": \"a\", \"clientsecret\": \"x\"}]}");
        assertTrue(message.contains("clientsecret"), message);
    }

    @Test
    void whenAConfidentialClientHasNoSecretThenItIsRefused() throws IOException {
        String message = problemOf("{\"clients\": [{\"client_id\": \"a\", \"grant_types\": [\"password\"]}]}");
        assertTrue(message.contains("clients[0].client_secret"), message);
    }

    @Test
    void whenAPublicClientAsksForClientCredentialsThenItIsRefused() throws IOException {
        String message = problemOf("""
                {"clients": [{"client_id": "spa", "token_endpoint_auth_method": "none",
                              "grant_types": ["client_credentials"]}]}""");
        assertTrue(message.contains("public client"), message);
    }

    @Test
    void whenAGrantTypeIsNullOrALifetimeBeyondTenYearsThenEachIsNamed() throws IOException {
        String message = problemOf("""
                {"clients": [{"client_id": "a", "client_secret": "s", "grant_types": ["password", null]},
                             {"client_id": "b", "client_secret": "s", "grant_types": ["password"],
                              "access_token_ttl": 9223372036854775807, "refresh_token_ttl": 316224001}]}""");
        for (String expected : new String[] {"clients[0].grant_types", "clients[1].access_token_ttl",
                "clients[1].refresh_token_ttl"}) {
            assertTrue(message.contains(expected), expected + " missing from: " + message);
        }
        assertFalse(message.contains("9223372036854775807"), "no value echoed: " + message);
    }

    @Test
    void whenSeveralThingsAreWrongThenEachIsNamed() throws IOException {
        String message = problemOf("""
                {"clients": [{"client_id": "a", "client_secret": "s", "grant_types": ["implicit"],
                              "scope": "bad  scope", "refresh_token_ttl": 0},
                             {"client_id": "a", "client_secret": "s", "grant_types": ["password"],
                              "token_endpoint_auth_method": "private_key_jwt"}],
                 "users": [{"username": "u"}, {"username": "u", "password": "p"}]}""");
        for (String expected : new String[] {"clients[0].grant_types", "clients[0].scope",
                "clients[0].refresh_token_ttl", "clients[1].client_id", "clients[1].token_endpoint_auth_method",
                "users[0].password", "users[1].username"}) {
            assertTrue(message.contains(expected), expected + " missing from: " + message);
        }
    }

    @Test
    void whenTheFileIsMissingThenTheMessageSaysSo() {
        String message = assertThrows(ImportException.class,
                () -> ImportFile.read(dir.resolve("absent.json"))).getMessage();
        assertTrue(message.contains("absent.json") && message.contains("cannot be read"), message);
    }
}
