package io.ringline.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * Checks one credential's presented secret: a secret memory knows is valid passes at once; otherwise a
 * throttled source or prefix is refused before any lookup; otherwise the lookup decides, and a failure is
 * counted against the source and the prefix. Counts outcomes as {@code ringline.security.authentications}.
 */
final class CredentialAuthenticationManager<P> implements ReactiveAuthenticationManager {

    private final Credential<P> credential;
    private final AuthenticationThrottle throttle;
    private final MeterRegistry meters;

    CredentialAuthenticationManager(Credential<P> credential, AuthenticationThrottle throttle, MeterRegistry meters) {
        this.credential = credential;
        this.throttle = throttle;
        this.meters = meters;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof PresentedSecret presented) || !credential.name().equals(presented.credential())) {
            return Mono.error(new BadCredentialsException("not a " + credential.name()));
        }
        String secret = presented.secret();
        Optional<P> remembered = credential.lookup().remembered(secret);
        if (remembered.isPresent()) {
            return Mono.just(accepted(remembered.get()));
        }
        String prefixKey = credential.name() + ":" + presented.prefix();
        Optional<Duration> wait = throttle.retryAfter(presented.source(), prefixKey);
        if (wait.isPresent()) {
            count("throttled");
            return Mono.error(new AuthenticationThrottledException(wait.get()));
        }
        return credential.lookup().resolve(secret)
                .map(this::accepted)
                .switchIfEmpty(Mono.defer(() -> {
                    throttle.recordFailure(presented.source(), prefixKey);
                    count("refused");
                    return Mono.error(new BadCredentialsException("invalid " + credential.name()));
                }));
    }

    private Authentication accepted(P principal) {
        count("accepted");
        return new CredentialAuthentication(credential.name(), principal);
    }

    private void count(String outcome) {
        meters.counter("ringline.security.authentications", "credential", credential.name(), "outcome", outcome)
                .increment();
    }
}
