package io.ringline.media.realtime;

import io.ringline.media.config.MediaProperties;
import io.ringline.media.evogo.EvoGoMediaClient;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.media.realtime.audio.AudioFormat;
import io.ringline.media.realtime.audio.Framing;
import io.ringline.platform.security.ListenerPorts;
import io.ringline.platform.web.ApiException;
import io.ringline.platform.net.UrlHosts;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Opens a realtime session: asks Evolution GO for its upstream stream, then mints Ringline's own
 * single-use token bound to it; the tenant connects to the public URL, never to GO.
 */
@Service
public class RealtimeSessionService {

    /** The public session: {@code wsUrl} carries the token. */
    public record PublicSession(String wsUrl, String token, long expiresInSeconds) {
    }

    /** What the caller asked for: mode, format, framing and playout as sent (null = default), and the dialect. */
    public record SessionRequest(String mode, String format, String framing, String playout, Dialect dialect) {
    }

    private final EvoGoMediaClient provider;
    private final SessionTokens tokens;
    private final MediaProperties props;
    private final ApplicationContext context;
    private final ListenerPorts listeners;

    public RealtimeSessionService(EvoGoMediaClient provider, SessionTokens tokens, MediaProperties props,
            ApplicationContext context, ListenerPorts listeners) {
        this.provider = provider;
        this.tokens = tokens;
        this.props = props;
        this.context = context;
        this.listeners = listeners;
    }

    /**
     * The Evolution GO dialect speaks GO's protocol only: PCM16 16 kHz in binary frames ({@code format} and
     * {@code framing} other than those are refused, naming the field). A {@code live} playout is for talk sessions.
     */
    public Mono<PublicSession> open(String numberId, String callId, SessionRequest request, String externalCallId,
            NumberContextBody number) {
        return Mono.fromCallable(() -> {
                    if (externalCallId == null || externalCallId.isBlank()) {
                        throw ApiException.invalid("externalCallId", "is required");
                    }
                    SessionMode mode = SessionMode.parse(request.mode());
                    AudioFormat format = AudioFormat.parse(request.format());
                    Framing framing = Framing.parse(request.framing());
                    PlayoutMode playout = PlayoutMode.parse(request.playout());
                    if (mode == SessionMode.LISTEN && playout != PlayoutMode.BUFFERED) {
                        throw ApiException.invalid("playout", "applies to talk sessions only");
                    }
                    Dialect dialect = request.dialect() == null ? Dialect.RINGLINE : request.dialect();
                    if (dialect == Dialect.EVOLUTION_GO && format != AudioFormat.PCM16_16K) {
                        throw ApiException.invalid("format", "Evolution GO sessions are pcm16_16k");
                    }
                    if (dialect == Dialect.EVOLUTION_GO && framing != Framing.BINARY) {
                        throw ApiException.invalid("framing", "Evolution GO sessions are binary");
                    }
                    return new SessionGrant(callId, numberId, externalCallId, mode, format, framing, playout, dialect,
                            null);
                })
                .flatMap(asked -> provider.openRealtimeSession(number, externalCallId, asked.mode().wire())
                        .map(upstream -> new SessionGrant(callId, numberId, externalCallId, asked.mode(),
                                asked.format(), asked.framing(), asked.playout(), asked.dialect(),
                                usable(upstreamUri(upstream), props.allowPrivateNetworks())))
                        .flatMap(grant -> tokens.mint(grant).map(token -> new PublicSession(
                                publicUrl(grant, token), token, tokens.ttl().toSeconds()))));
    }

    /** {@code /v1/realtime?token=…}, or GO's own path with GO's query ({@code ?callId=<GO CallID>&token=…}). */
    private String publicUrl(SessionGrant grant, String token) {
        UriComponentsBuilder url = UriComponentsBuilder.fromUriString(publicBase() + grant.dialect().path());
        if (grant.dialect() == Dialect.EVOLUTION_GO) {
            url.queryParam("callId", "{callId}");
        }
        return url.queryParam("token", "{token}").encode()
                .buildAndExpand(grant.dialect() == Dialect.EVOLUTION_GO
                        ? new Object[] {grant.externalCallId(), token} : new Object[] {token})
                .toUriString();
    }

    /**
     * GO's {@code wsUrl} is as much the tenant's input as the base URL: a WebSocket URL with a host and no
     * credentials, not a local or private IP literal (without the development switch). Where a name leads is
     * checked when the relay connects, through the address guard.
     */
    static URI usable(URI upstream, boolean allowPrivateNetworks) {
        String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
        boolean wellFormed = (scheme.equals("ws") || scheme.equals("wss")) && upstream.getHost() != null
                && upstream.getRawUserInfo() == null;
        if (!wellFormed || (!allowPrivateNetworks && UrlHosts.refusal(upstream.getHost()).isPresent())) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_ERROR", "Evolution GO refused the media request",
                    Map.of("providerStatus", 200, "providerMessage", "realtime session answer has an unusable wsUrl"));
        }
        return upstream;
    }

    /** GO's {@code wsUrl} normally carries its token; when it does not, the token goes on as {@code ?token=}. */
    static URI upstreamUri(EvoGoMediaClient.UpstreamSession upstream) {
        URI uri;
        try {
            uri = URI.create(upstream.wsUrl());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_ERROR", "Evolution GO refused the media request",
                    Map.of("providerStatus", 200, "providerMessage", "realtime session answer has an unusable wsUrl"));
        }
        boolean hasToken = uri.getRawQuery() != null && uri.getRawQuery().matches("(^|.*&)token=.*");
        if (hasToken || upstream.token() == null) {
            return uri;
        }
        return UriComponentsBuilder.fromUri(uri).queryParam("token", "{t}").encode().buildAndExpand(upstream.token())
                .toUri();
    }

    private String publicBase() {
        if (props.publicWsUrl() != null && !props.publicWsUrl().toString().isBlank()) {
            String base = props.publicWsUrl().toString();
            return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }
        int port = context instanceof WebServerApplicationContext web && web.getWebServer() != null
                ? web.getWebServer().getPort() : 8082;
        // With a public listener the WebSocket is served there (the service port may not be reachable at all).
        return "ws://localhost:" + listeners.port(ListenerPorts.PUBLIC).orElse(port);
    }
}
