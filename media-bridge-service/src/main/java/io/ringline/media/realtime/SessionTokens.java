package io.ringline.media.realtime;

import io.ringline.media.config.MediaProperties;
import io.ringline.media.realtime.audio.AudioFormat;
import io.ringline.media.realtime.audio.Framing;
import io.ringline.media.realtime.persistence.SessionTokenRepository;
import io.ringline.media.realtime.persistence.SessionTokenRepository.StoredToken;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.crypto.SecretBox;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Ringline's own realtime session tokens: random, stored only as a hash (in the shared database, so a token
 * minted by one bridge instance is redeemed on any other), bound to one call, one mode, format, framing and
 * dialect, and the upstream GO session, valid for {@code ringline.media.session-token-ttl} and redeemable once.
 */
@Service
public class SessionTokens {

    static final String PREFIX = "rts_";

    private final SessionTokenRepository tokens;
    private final SecretBox secrets;
    private final Clock clock;
    private final Duration ttl;

    public SessionTokens(SessionTokenRepository tokens, SecretBox secrets, Clock clock, MediaProperties props) {
        this.tokens = tokens;
        this.secrets = secrets;
        this.clock = clock;
        this.ttl = props.sessionTokenTtl();
    }

    public Duration ttl() {
        return ttl;
    }

    /** @return the token to hand out (never stored as such) */
    public Mono<String> mint(SessionGrant grant) {
        String token = Hashing.newSecret(PREFIX);
        StoredToken stored = new StoredToken(grant.callId(), grant.numberId(), grant.externalCallId(),
                grant.mode().name(), grant.format().name(), grant.framing().name(), grant.playout().name(),
                grant.dialect().name(),
                secrets.encrypt(grant.upstream().toString()));
        // Expired tokens are deleted by the retention job (SessionTokenRetention), not on this path.
        return tokens.insert(Hashing.sha256Hex(token), stored, clock.instant().plus(ttl)).thenReturn(token);
    }

    /** The grant of a valid token, which is used up by this; empty for a used, expired or unknown token. */
    public Mono<SessionGrant> redeem(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Mono.empty();
        }
        return tokens.consume(Hashing.sha256Hex(token), clock.instant())
                .map(stored -> new SessionGrant(stored.callId(), stored.numberId(), stored.externalCallId(),
                        SessionMode.valueOf(stored.mode()), AudioFormat.valueOf(stored.format()),
                        Framing.valueOf(stored.framing()), PlayoutMode.valueOf(stored.playout()),
                        Dialect.valueOf(stored.dialect()),
                        URI.create(secrets.decrypt(stored.sealedUpstream()))));
    }
}
