package org.tollgate.token.control;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A set of scope tokens, in the syntax of RFC 6749 section 3.3. */
public final class Scope {

    public static final Scope EMPTY = new Scope(Set.of());

    private final Set<String> tokens;

    private Scope(Set<String> tokens) {
        this.tokens = Collections.unmodifiableSet(tokens);
    }

    /**
     * Parses a space-delimited scope; a null or empty value is the empty scope.
     *
     * @throws IllegalArgumentException when the value breaks the RFC's syntax
     */
    public static Scope parse(String value) {
        if (value == null || value.isEmpty()) {
            return EMPTY;
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String token : value.split(" ", -1)) {
            if (token.isEmpty() || !token.chars().allMatch(Scope::isScopeChar)) {
                throw new IllegalArgumentException("malformed scope");
            }
            tokens.add(token);
        }
        return new Scope(tokens);
    }

    /** NQCHAR: %x21 / %x23-5B / %x5D-7E. */
    private static boolean isScopeChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    public boolean isSubsetOf(Scope other) {
        return other.tokens.containsAll(tokens);
    }

    /** The tokens of this scope that {@code other} holds too, in this scope's order. */
    public Scope within(Scope other) {
        Set<String> kept = new LinkedHashSet<>(tokens);
        kept.retainAll(other.tokens);
        return kept.size() == tokens.size() ? this : new Scope(kept);
    }

    public Set<String> tokens() {
        return tokens;
    }

    @Override
    public String toString() {
        return String.join(" ", tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scope other && tokens.equals(other.tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    static Scope of(String... tokens) {
        return new Scope(new LinkedHashSet<>(Arrays.asList(tokens)));
    }
}
