package org.tollgate.token.boundary;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.discovery.boundary.MetadataResource;
import org.tollgate.keys.boundary.JwksResource;
import org.tollgate.operations.boundary.HealthResource;
import org.tollgate.operations.boundary.MetricsResource;
import org.tollgate.operations.control.TokenEvents;

/** The JAX-RS application named in web.xml: only what is registered here is deployed. */
public class TollgateApplication extends ResourceConfig {

    public TollgateApplication(@Context ServletContext servletContext) {
        Tollgate tollgate = TollgateBootstrap.running(servletContext);
        // no generated WADL: OPTIONS would describe the API and name the Jersey version
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        register(MultiPartFeature.class);
        register(JacksonFeature.class);
        register(OAuthExceptionMapper.class);
        register(CharsetCheck.class);
        register(new RequestSizeLimit(Long.parseLong(tollgate.settings().get(Settings.MAX_BODY_BYTES))));
        TokenEvents events = tollgate.operations().events();
        register(new TokenResource(tollgate.tokenIssuer(), events));
        register(new JwksResource(tollgate.keyRing()));
        register(new IntrospectionResource(tollgate.tokenIntrospector(), events));
        register(new RevocationResource(tollgate.tokenRevoker(), events));
        register(new MetadataResource(tollgate.metadata()));
        register(new HealthResource(tollgate.operations().health()));
        if (tollgate.settings().getBoolean(Settings.METRICS_ENABLED)) {
            register(new MetricsResource(tollgate.operations(), tollgate.settings().find(Settings.METRICS_TOKEN)));
        }
    }
}
