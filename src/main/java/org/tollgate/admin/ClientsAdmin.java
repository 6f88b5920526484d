package org.tollgate.admin;

import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.tollgate.clients.control.ClientRegistry;
import org.tollgate.clients.control.ClientRegistry.ClientView;

/** The clients MBean: a thin adapter over the client registry; every change is audited. */
public final class ClientsAdmin implements ClientsAdminMBean {

    private static final String[] ITEMS = {"clientId", "authMethod", "grantTypes", "scope", "accessTokenTtl",
        "refreshTokenTtl", "enabled"};
    private static final CompositeType TYPE = compositeType();

    private final ClientRegistry registry;
    private final AdminActions actions;

    ClientsAdmin(ClientRegistry registry, AdminActions actions) {
        this.registry = registry;
        this.actions = actions;
    }

    @Override
    public String[] list() {
        return AdminActions.read("clients", () -> registry.list().stream()
                .map(ClientsAdmin::describe).toArray(String[]::new));
    }

    @Override
    public CompositeData show(String clientId) {
        return composite(AdminActions.read("client " + clientId, () -> registry.show(clientId)));
    }

    @Override
    public String register(String clientId, String authMethod, String grantTypes, String scope) {
        ClientRegistry.Registered registered = actions.run("admin.client.register", clientId, null,
                () -> registry.register(clientId, authMethod, grantTypes, scope));
        return registered.secret() == null ? "" : registered.secret();
    }

    @Override
    public String updateGrantTypes(String clientId, String grantTypes) {
        return describe(actions.run("admin.client.update", clientId, null,
                () -> registry.updateGrantTypes(clientId, grantTypes), "field", "grant_types"));
    }

    @Override
    public String updateScope(String clientId, String scope) {
        return describe(actions.run("admin.client.update", clientId, null,
                () -> registry.updateScope(clientId, scope), "field", "scope"));
    }

    @Override
    public String updateLifetimes(String clientId, long accessTokenTtl, long refreshTokenTtl) {
        Long access = accessTokenTtl == 0 ? null : accessTokenTtl;
        Long refresh = refreshTokenTtl == 0 ? null : refreshTokenTtl;
        return describe(actions.run("admin.client.update", clientId, null,
                () -> registry.updateLifetimes(clientId, access, refresh), "field", "lifetimes"));
    }

    @Override
    public String rotateSecret(String clientId) {
        return actions.run("admin.client.rotate-secret", clientId, null, () -> registry.rotateSecret(clientId));
    }

    @Override
    public String enable(String clientId) {
        return describe(actions.run("admin.client.enable", clientId, null, () -> registry.setEnabled(clientId, true)));
    }

    @Override
    public String disable(String clientId) {
        return describe(actions.run("admin.client.disable", clientId, null,
                () -> registry.setEnabled(clientId, false)));
    }

    @Override
    public String delete(String clientId) {
        actions.run("admin.client.delete", clientId, null, () -> {
            registry.delete(clientId);
            return null;
        });
        return "Deleted client " + clientId;
    }

    /** One line, for the JMX proxy's plain-text answer. */
    static String describe(ClientView c) {
        return "client_id=" + c.clientId() + " token_endpoint_auth_method=" + c.authMethod() + " grant_types="
                + String.join(",", c.grantTypes()) + " scope=\"" + c.scope() + "\" access_token_ttl="
                + orDefault(c.accessTokenTtl()) + " refresh_token_ttl=" + orDefault(c.refreshTokenTtl())
                + " enabled=" + c.enabled();
    }

    private static String orDefault(Long ttl) {
        return ttl == null ? "default" : ttl.toString();
    }

    private static CompositeData composite(ClientView c) {
        try {
            return new CompositeDataSupport(TYPE, ITEMS, new Object[] {c.clientId(), c.authMethod(),
                String.join(" ", c.grantTypes()), c.scope(), c.accessTokenTtl() == null ? 0L : c.accessTokenTtl(),
                c.refreshTokenTtl() == null ? 0L : c.refreshTokenTtl(), c.enabled()});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private static CompositeType compositeType() {
        try {
            return new CompositeType("Client", "An OAuth client (lifetimes: 0 = the server's setting)", ITEMS,
                    ITEMS, new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
                        SimpleType.STRING, SimpleType.LONG, SimpleType.LONG, SimpleType.BOOLEAN});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
