package io.ringline.media.config;

import io.ringline.platform.net.GuardedAddressResolverGroup;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.netty.http.client.HttpClient;

/**
 * The one address guard of this service, for every connection a tenant's input decides: {@code /play} downloads,
 * the number's Evolution GO base URL and the realtime {@code wsUrl} GO hands back. Off only with the development
 * switch {@code ringline.media.allow-private-networks}.
 */
@Component
public class AddressGuard implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AddressGuard.class);

    private final Optional<GuardedAddressResolverGroup> guard;

    public AddressGuard(MediaProperties props) {
        if (props.allowPrivateNetworks()) {
            log.warn("ringline.media.allow-private-networks is on: media URLs, GO base URLs and GO's realtime URLs "
                    + "may reach loopback and private addresses (development only)");
            this.guard = Optional.empty();
        } else {
            this.guard = Optional.of(GuardedAddressResolverGroup.overSystemDns());
        }
    }

    /** The resolver group; empty with the development switch. */
    public Optional<GuardedAddressResolverGroup> group() {
        return guard;
    }

    /** {@code http} resolving through the guard (when on), never following redirects. */
    public HttpClient apply(HttpClient http) {
        HttpClient noRedirects = http.followRedirect(false);
        return guard.map(noRedirects::resolver).orElse(noRedirects);
    }

    @Override
    public void destroy() {
        guard.ifPresent(GuardedAddressResolverGroup::close);
    }
}
