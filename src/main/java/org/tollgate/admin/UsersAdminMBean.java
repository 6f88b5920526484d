package org.tollgate.admin;

/** User management, as JConsole and Tomcat's JMX proxy show it. */
public interface UsersAdminMBean {

    /** The first 1000 users, in order, each with its state ("alice enabled"). */
    String[] list();

    /** Usernames that start with the prefix, at most 100, each with its state ("alice enabled"). */
    String[] find(String prefix);

    String create(String username, String password);

    String enable(String username);

    /** Refuses the user's next sign-in and refresh; issued access tokens live until they expire. */
    String disable(String username);

    /** Sets a new password and revokes the user's refresh tokens. */
    String resetPassword(String username, String password);

    /** Lifts the user's brute-force lock and forgets their failed sign-ins; false when there were none. */
    boolean unlock(String username);

    /** Lifts a client address's brute-force lock and forgets its failed sign-ins; false when there were none. */
    boolean unlockAddress(String address);

    /** Deletes the user and their refresh tokens. */
    String delete(String username);
}
