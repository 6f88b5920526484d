package org.tollgate.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tollgate.clients.control.ClientRules;
import org.tollgate.clients.entity.Client;
import org.tollgate.users.control.UserRules;

/**
 * The import file: clients (RFC 7591 metadata names) and users. Parsed and checked whole before
 * anything is written, so a bad file changes nothing; error texts never echo a value from the file.
 */
public record ImportFile(List<ClientEntry> clients, List<UserEntry> users) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    public record ClientEntry(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret,
            @JsonProperty("grant_types") List<String> grantTypes,
            @JsonProperty("scope") String scope,
            @JsonProperty("token_endpoint_auth_method") String authMethod,
            @JsonProperty("access_token_ttl") Long accessTokenTtl,
            @JsonProperty("refresh_token_ttl") Long refreshTokenTtl,
            @JsonProperty("enabled") Boolean enabled) {

        String effectiveAuthMethod() {
            return authMethod == null ? "client_secret_basic" : authMethod;
        }
    }

    public record UserEntry(
            @JsonProperty("username") String username,
            @JsonProperty("password") String password,
            @JsonProperty("enabled") Boolean enabled) {
    }

    public ImportFile {
        clients = clients == null ? List.of() : clients;
        users = users == null ? List.of() : users;
    }

    /** @throws ImportException naming the file and the problem */
    public static ImportFile read(Path file) {
        ImportFile parsed;
        try {
            parsed = MAPPER.readValue(Files.readAllBytes(file), ImportFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ImportException(file, "unknown field '" + e.getPropertyName() + "' at " + where(e));
        } catch (JsonProcessingException e) {
            throw new ImportException(file, "malformed JSON at " + where(e));
        } catch (IOException e) {
            throw new ImportException(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (parsed == null) {
            throw new ImportException(file, "is empty");
        }
        List<String> problems = parsed.problems();
        if (!problems.isEmpty()) {
            throw new ImportException(file, String.join("; ", problems));
        }
        return parsed;
    }

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String position = location == null ? "unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
        return e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? position + " (" + m.getPathReference() + ")" : position;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> clientIds = new HashSet<>();
        for (int i = 0; i < clients.size(); i++) {
            checkClient("clients[" + i + "]", clients.get(i), clientIds, problems);
        }
        Set<String> usernames = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            checkUser("users[" + i + "]", users.get(i), usernames, problems);
        }
        return problems;
    }

    private static void checkClient(String at, ClientEntry c, Set<String> seen, List<String> problems) {
        if (c == null) {
            problems.add(at + " is null");
            return;
        }
        ClientRules.checkClientId(at, c.clientId(), problems);
        if (!isBlank(c.clientId()) && !seen.add(c.clientId())) {
            problems.add(at + ".client_id repeats an earlier client");
        }
        String method = c.effectiveAuthMethod();
        boolean isPublic = Client.AUTH_NONE.equals(method);
        if (ClientRules.checkAuthMethod(at, method, problems)) {
            if (isPublic && c.clientSecret() != null) {
                problems.add(at + ": a client with token_endpoint_auth_method 'none' has no client_secret");
            } else if (!isPublic && isBlank(c.clientSecret())) {
                problems.add(at + ".client_secret is required unless token_endpoint_auth_method is 'none'");
            }
        }
        ClientRules.checkGrantTypes(at, c.grantTypes(), isPublic, problems);
        ClientRules.checkScope(at, c.scope(), problems);
        ClientRules.checkLifetimes(at, c.accessTokenTtl(), c.refreshTokenTtl(), problems);
    }

    private static void checkUser(String at, UserEntry u, Set<String> seen, List<String> problems) {
        if (u == null) {
            problems.add(at + " is null");
            return;
        }
        UserRules.checkUsername(at, u.username(), problems);
        if (!isBlank(u.username()) && !seen.add(u.username())) {
            problems.add(at + ".username repeats an earlier user");
        }
        UserRules.checkPassword(at, u.password(), problems);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
