package org.tollgate.token.boundary;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.media.multipart.MultiPartProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.tollgate.TollgateStarter;
import org.tollgate.config.Settings;
import org.tollgate.discovery.boundary.MetadataResource;
import org.tollgate.keys.boundary.JwksResource;
import org.tollgate.operations.boundary.HealthResource;
import org.tollgate.operations.boundary.MetricsResource;
import org.tollgate.token.control.OAuthException;

/** The JAX-RS application named in web.xml: only what is registered here is deployed. */
public class TollgateApplication extends ResourceConfig {

    public TollgateApplication(@Context ServletContext servletContext) {
        // the resources ask for Tollgate at each request: it may start after the application does
        TollgateStarter tollgate = TollgateBootstrap.starter(servletContext);
        Settings settings = tollgate.settings();
        // no generated WADL: OPTIONS would describe the API and name the Jersey version
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        register(MultiPartFeature.class);
        // parts stay in memory, which RequestSizeLimit bounds: past 4 KiB MIMEPull spilled them to a temp
        // file, and a body cut off by that limit left its file behind for good, one per request
        register(new MultiPartProperties().bufferThreshold(MultiPartProperties.BUFFER_THRESHOLD_MEMORY_ONLY)
                .resolver());
        register(JacksonFeature.class);
        register(OAuthExceptionMapper.class);
        register(ContentTypeCheck.class);
        register(new RequestSizeLimit(Long.parseLong(settings.get(Settings.MAX_BODY_BYTES))));
        EventRecorder events = new EventRecorder(tollgate::get);
        register(new TokenResource(() -> tollgate.get().tokenIssuer(), events));
        register(new JwksResource(() -> tollgate.get().keyRing()));
        register(new IntrospectionResource(() -> tollgate.get().tokenIntrospector(), events));
        register(new RevocationResource(() -> tollgate.get().tokenRevoker(), events));
        register(new MetadataResource(() -> tollgate.get().metadata()));
        register(new HealthResource(() -> isUp(tollgate)));
        if (settings.getBoolean(Settings.METRICS_ENABLED)) {
            register(new MetricsResource(() -> tollgate.get().operations(), settings.find(Settings.METRICS_TOKEN)));
        }
    }

    /** Down while Tollgate waits for its database, then whatever the health check says. */
    private static boolean isUp(TollgateStarter tollgate) {
        try {
            return tollgate.get().operations().health().up();
        } catch (OAuthException notRunningYet) {
            return false;
        }
    }
}
