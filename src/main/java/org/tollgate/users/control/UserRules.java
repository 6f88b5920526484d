package org.tollgate.users.control;

import java.util.List;

/** What makes a user valid, shared by the import file and the management operations; no text echoes a value. */
public final class UserRules {

    /** The column size of the users table. */
    static final int MAX_USERNAME = 255;

    private UserRules() {
    }

    public static void checkUsername(String at, String username, List<String> problems) {
        if (username == null || username.isBlank()) {
            problems.add(at + ".username is required");
        } else if (username.length() > MAX_USERNAME) {
            problems.add(at + ".username is longer than " + MAX_USERNAME + " characters");
        }
    }

    public static void checkPassword(String at, String password, List<String> problems) {
        if (password == null || password.isEmpty()) {
            problems.add(at + ".password is required");
        }
    }
}
