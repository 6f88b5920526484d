package org.tollgate.admin;

import org.tollgate.users.control.LoginThrottle;
import org.tollgate.users.control.UserDirectory;
import org.tollgate.users.control.UserDirectory.UserView;

/** The users MBean: a thin adapter over the user directory; every change is audited, never a password. */
public final class UsersAdmin implements UsersAdminMBean {

    static final int LIST_MAX = 1000;
    static final int FIND_MAX = 100;

    private final UserDirectory users;
    private final LoginThrottle throttle;
    private final AdminActions actions;

    UsersAdmin(UserDirectory users, LoginThrottle throttle, AdminActions actions) {
        this.users = users;
        this.throttle = throttle;
        this.actions = actions;
    }

    @Override
    public String[] list() {
        return AdminActions.read("users", () -> users.find("", LIST_MAX).stream()
                .map(UsersAdmin::describe).toArray(String[]::new));
    }

    @Override
    public String[] find(String prefix) {
        return AdminActions.read("users", () -> users.find(prefix, FIND_MAX).stream()
                .map(UsersAdmin::describe).toArray(String[]::new));
    }

    @Override
    public String create(String username, String password) {
        return describe(actions.run("admin.user.create", null, username, () -> users.create(username, password)));
    }

    @Override
    public String enable(String username) {
        return describe(actions.run("admin.user.enable", null, username, () -> users.setEnabled(username, true)));
    }

    @Override
    public String disable(String username) {
        return describe(actions.run("admin.user.disable", null, username, () -> users.setEnabled(username, false)));
    }

    @Override
    public String resetPassword(String username, String password) {
        return describe(actions.run("admin.user.reset-password", null, username,
                () -> users.resetPassword(username, password)));
    }

    @Override
    public boolean unlock(String username) {
        return actions.run("admin.user.unlock", null, username, () -> throttle.unlockUser(required(username)));
    }

    @Override
    public boolean unlockAddress(String address) {
        return actions.run("admin.user.unlock-address", null, null, () -> throttle.unlockAddress(required(address)),
                "address", address);
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A value is required");
        }
        return value.trim();
    }

    @Override
    public String delete(String username) {
        actions.run("admin.user.delete", null, username, () -> {
            users.delete(username);
            return null;
        });
        return "Deleted user " + username;
    }

    private static String describe(UserView user) {
        return user.username() + (user.enabled() ? " enabled" : " disabled");
    }
}
