package io.ringline.platform.net;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.NameResolverProvider;

/**
 * Name resolution that refuses non-public destinations at connect time: every address a host resolves
 * to is checked (not just the first), after DNS and right before the socket connects, so a name that
 * was public when a tenant registered it cannot later be pointed at the internal network.
 * Literal IPs pass through the same check because {@link #isResolved} always answers false.
 */
public final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressResolverGroup<? extends SocketAddress> dns;
    private final boolean ownsDns;

    /** @param dns the (non-blocking) resolver that does the actual lookups; not closed by this group */
    public GuardedAddressResolverGroup(AddressResolverGroup<? extends SocketAddress> dns) {
        this(dns, false);
    }

    private GuardedAddressResolverGroup(AddressResolverGroup<? extends SocketAddress> dns, boolean ownsDns) {
        this.dns = dns;
        this.ownsDns = ownsDns;
    }

    /**
     * Over Reactor Netty's own non-blocking DNS resolver (system name servers and hosts file), running on
     * the shared HTTP event loops. The DNS resolver is owned: {@link #close} closes it.
     */
    public static GuardedAddressResolverGroup overSystemDns() {
        return new GuardedAddressResolverGroup(NameResolverProvider.builder().build()
                .newNameResolverGroup(HttpResources.get(), LoopResources.DEFAULT_NATIVE), true);
    }

    @Override
    public void close() {
        super.close();
        if (ownsDns) {
            dns.close();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Resolver(executor, (AddressResolver<InetSocketAddress>) dns.getResolver(executor));
    }

    private record Resolver(EventExecutor executor, AddressResolver<InetSocketAddress> dns)
            implements AddressResolver<InetSocketAddress> {

        @Override
        public boolean isSupported(SocketAddress address) {
            return address instanceof InetSocketAddress;
        }

        @Override
        public boolean isResolved(SocketAddress address) {
            return false; // forces literal addresses through resolveAll, hence through the check
        }

        @Override
        public Future<InetSocketAddress> resolve(SocketAddress address) {
            return resolve(address, executor.newPromise());
        }

        @Override
        public Future<InetSocketAddress> resolve(SocketAddress address, Promise<InetSocketAddress> promise) {
            resolveAll(address).addListener(f -> {
                if (f.isSuccess()) {
                    @SuppressWarnings("unchecked")
                    List<InetSocketAddress> all = (List<InetSocketAddress>) f.getNow();
                    promise.trySuccess(all.getFirst());
                } else {
                    promise.tryFailure(f.cause());
                }
            });
            return promise;
        }

        @Override
        public Future<List<InetSocketAddress>> resolveAll(SocketAddress address) {
            return resolveAll(address, executor.newPromise());
        }

        @Override
        public Future<List<InetSocketAddress>> resolveAll(SocketAddress address,
                Promise<List<InetSocketAddress>> promise) {
            InetSocketAddress target = (InetSocketAddress) address;
            if (!target.isUnresolved()) {
                check(target.getHostString(), List.of(target), promise);
                return promise;
            }
            dns.resolveAll(target).addListener(f -> {
                if (f.isSuccess()) {
                    @SuppressWarnings("unchecked")
                    List<InetSocketAddress> all = (List<InetSocketAddress>) f.getNow();
                    check(target.getHostString(), all, promise);
                } else {
                    promise.tryFailure(f.cause());
                }
            });
            return promise;
        }

        private static void check(String host, List<InetSocketAddress> addresses,
                Promise<List<InetSocketAddress>> promise) {
            for (InetSocketAddress candidate : addresses) {
                Optional<String> reason = candidate.getAddress() == null
                        ? Optional.of("unresolved")
                        : AddressPolicy.refusalReason(candidate.getAddress());
                if (reason.isPresent()) {
                    String address = candidate.getAddress() == null ? "nothing" : candidate.getAddress().getHostAddress();
                    promise.tryFailure(new DestinationRefusedException("destination refused: " + host + " resolves to "
                            + address + " (" + reason.get() + ")"));
                    return;
                }
            }
            promise.trySuccess(addresses);
        }

        @Override
        public void close() {
            // the DNS resolver belongs to its own group
        }
    }
}
