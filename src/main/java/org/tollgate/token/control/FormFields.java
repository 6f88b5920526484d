package org.tollgate.token.control;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields of one form-encoded request, each known field present at most once (RFC 6749 section 3.2). */
public final class FormFields {

    private final Map<String, List<String>> fields;

    private FormFields(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /**
     * @throws OAuthException invalid_request when one of the known fields is repeated, or holds half of a
     *     surrogate pair, which no UTF-8 encoding has: a charset such as UTF-32 decodes one, and the Argon2
     *     input and the database need the value as UTF-8
     */
    public static FormFields of(Map<String, List<String>> fields, Set<String> known) {
        for (String name : known) {
            List<String> values = fields.get(name);
            if (values != null && values.size() > 1) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "Parameter '" + name + "' is repeated");
            }
            if (values != null && !values.isEmpty() && hasLoneSurrogate(values.get(0))) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "Parameter '" + name + "' is not valid text");
            }
        }
        return new FormFields(fields);
    }

    private static boolean hasLoneSurrogate(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The field's value; an empty value counts as absent. */
    public String get(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
            return null;
        }
        return values.get(0);
    }

    /** The field's value, or invalid_request naming it. */
    public static String required(String value, String name) {
        if (value == null) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing parameter '" + name + "'");
        }
        return value;
    }
}
