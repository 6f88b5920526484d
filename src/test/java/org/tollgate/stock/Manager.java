package org.tollgate.stock;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The Tomcat Manager's plain-text interfaces (/manager/text, /manager/jmxproxy), as a script calls them. */
final class Manager {

    private final StockTomcat tomcat;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Manager(StockTomcat tomcat, String user, String password) {
        this.tomcat = tomcat;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** GET the path with the query parameters (name, value, ...) encoded; the answer's body, which must be 200. */
    String get(String path, String... query) throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder(path);
        for (int i = 0; i < query.length; i += 2) {
            uri.append(i == 0 ? '?' : '&').append(query[i]).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tomcat.uri(uri.toString()))
                .timeout(Duration.ofSeconds(120)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Invokes an MBean operation through /manager/jmxproxy; the answer's text. */
    String invoke(String objectName, String operation, String... params) throws IOException, InterruptedException {
        return params.length == 0 ? get("/manager/jmxproxy/", "invoke", objectName, "op", operation)
                : get("/manager/jmxproxy/", "invoke", objectName, "op", operation, "ps", String.join(",", params));
    }

    /** The value an operation returned: the lines after "OK - Operation ... returned:". */
    static String returned(String answer) {
        if (!answer.startsWith("OK - Operation")) {
            throw new AssertionError("The JMX proxy refused: " + answer);
        }
        return answer.substring(answer.indexOf('\n') + 1).strip();
    }
}
