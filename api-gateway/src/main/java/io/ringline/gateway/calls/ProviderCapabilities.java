package io.ringline.gateway.calls;

import io.ringline.gateway.tenancy.ProviderKind;
import io.ringline.gateway.tenancy.UnsupportedProvider;
import io.ringline.platform.web.ApiException;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What each provider supports, as data (SPEC §3): a provider that lacks a capability answers
 * {@code 400 FEATURE_NOT_SUPPORTED}; one this gateway version does not serve yet answers {@code 501}.
 */
public final class ProviderCapabilities {

    public enum Support { SUPPORTED, NOT_SUPPORTED, NOT_IMPLEMENTED }

    private static final Map<ProviderKind, Map<Capability, Support>> TABLE = new EnumMap<>(ProviderKind.class);

    static {
        row(ProviderKind.META, Capability.PLACE, Support.SUPPORTED);
        row(ProviderKind.META, Capability.PRE_ACCEPT, Support.SUPPORTED);
        row(ProviderKind.META, Capability.ACCEPT, Support.SUPPORTED);
        row(ProviderKind.META, Capability.REJECT, Support.SUPPORTED);
        row(ProviderKind.META, Capability.TERMINATE, Support.SUPPORTED);
        row(ProviderKind.META, Capability.PLAY, Support.NOT_SUPPORTED);
        row(ProviderKind.META, Capability.REALTIME_SESSION, Support.NOT_SUPPORTED);
        row(ProviderKind.META, Capability.SETTINGS, Support.SUPPORTED);
        row(ProviderKind.META, Capability.PERMISSIONS, Support.SUPPORTED);

        row(ProviderKind.EVO_GO, Capability.PLACE, Support.SUPPORTED);
        row(ProviderKind.EVO_GO, Capability.PRE_ACCEPT, Support.NOT_SUPPORTED);
        row(ProviderKind.EVO_GO, Capability.ACCEPT, Support.SUPPORTED);
        row(ProviderKind.EVO_GO, Capability.REJECT, Support.SUPPORTED);
        row(ProviderKind.EVO_GO, Capability.TERMINATE, Support.SUPPORTED);
        row(ProviderKind.EVO_GO, Capability.PLAY, Support.SUPPORTED);
        row(ProviderKind.EVO_GO, Capability.REALTIME_SESSION, Support.SUPPORTED);
        row(ProviderKind.EVO_GO, Capability.SETTINGS, Support.NOT_SUPPORTED);
        row(ProviderKind.EVO_GO, Capability.PERMISSIONS, Support.NOT_SUPPORTED);

        for (Capability capability : Capability.values()) {
            row(ProviderKind.UNKNOWN, capability, Support.NOT_SUPPORTED);
        }
    }

    private ProviderCapabilities() {
    }

    private static void row(ProviderKind provider, Capability capability, Support support) {
        TABLE.computeIfAbsent(provider, p -> new EnumMap<>(Capability.class)).put(capability, support);
    }

    public static Support of(ProviderKind provider, Capability capability) {
        Support support = TABLE.get(provider).get(capability);
        if (support == null) {
            throw new IllegalStateException("no capability row for " + provider + "/" + capability);
        }
        return support;
    }

    /** @throws ApiException 400 FEATURE_NOT_SUPPORTED or 501 NOT_IMPLEMENTED unless supported */
    public static void require(ProviderKind provider, Capability capability) {
        switch (of(provider, capability)) {
            case SUPPORTED -> {
            }
            case NOT_SUPPORTED -> throw provider == ProviderKind.UNKNOWN ? UnsupportedProvider.error() : new ApiException(HttpStatus.BAD_REQUEST, "FEATURE_NOT_SUPPORTED",
                    capitalised(capability.label()) + " is not supported on " + provider.label() + " numbers");
            case NOT_IMPLEMENTED -> throw new ApiException(HttpStatus.NOT_IMPLEMENTED, "NOT_IMPLEMENTED",
                    capitalised(capability.label()) + " on " + provider.label() + " numbers is not available yet");
        }
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
