package org.tollgate.token.boundary;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.tollgate.TollgateStarter;
import org.tollgate.config.Settings;
import org.tollgate.discovery.boundary.MetadataResource;
import org.tollgate.keys.boundary.JwksResource;

/** The JAX-RS application named in web.xml: only what is registered here is deployed. */
public class TollgateApplication extends ResourceConfig {

    public TollgateApplication(@Context ServletContext servletContext) {
        // the resources ask for Tollgate at each request: it may start after the application does
        TollgateStarter tollgate = TollgateBootstrap.starter(servletContext);
        register(MultiPartFeature.class);
        register(JacksonFeature.class);
        register(OAuthExceptionMapper.class);
        register(new RequestSizeLimit(Long.parseLong(tollgate.settings().get(Settings.MAX_BODY_BYTES))));
        register(new TokenResource(() -> tollgate.get().tokenIssuer()));
        register(new JwksResource(() -> tollgate.get().keyRing()));
        register(new IntrospectionResource(() -> tollgate.get().tokenIntrospector()));
        register(new RevocationResource(() -> tollgate.get().tokenRevoker()));
        register(new MetadataResource(() -> tollgate.get().metadata()));
    }
}
