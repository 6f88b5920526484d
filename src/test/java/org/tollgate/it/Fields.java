package org.tollgate.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fields of one token request, in order; a name may repeat, since some tests need exactly that. */
public final class Fields {

    private final List<Map.Entry<String, String>> entries;

    private Fields(List<Map.Entry<String, String>> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @param namesAndValues name, value, name, value, ... */
    public static Fields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            entries.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new Fields(entries);
    }

    /** These fields plus one more (appended, even when the name is already there). */
    public Fields and(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(entries);
        more.add(Map.entry(name, value));
        return new Fields(more);
    }

    public List<Map.Entry<String, String>> entries() {
        return entries;
    }
}
