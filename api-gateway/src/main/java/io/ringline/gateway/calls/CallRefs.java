package io.ringline.gateway.calls;

import io.ringline.gateway.tenancy.ProviderKind;
import io.ringline.platform.ids.Ids;
import java.util.regex.Pattern;

/**
 * What may name a call in {@code /v1/calls/{callId}} (SPEC §3): Ringline's id, Meta's {@code wacid.…} on
 * META numbers, the GO CallID on EVO_GO numbers, nothing else. Anything else is answered 404 at once.
 */
final class CallRefs {

    private static final Pattern META_ID = Pattern.compile("^wacid\\.[A-Za-z0-9_=+/-]{1,250}$");
    private static final Pattern GO_ID = Pattern.compile("^[A-Za-z0-9._:@-]{1,128}$");

    private CallRefs() {
    }

    static boolean isPlausible(ProviderKind provider, String ref) {
        if (ref == null) {
            return false;
        }
        if (Ids.isId("call", ref)) {
            return true;
        }
        return switch (provider) {
            case META -> META_ID.matcher(ref).matches();
            case EVO_GO -> GO_ID.matcher(ref).matches() && !ref.startsWith("call_");
            case UNKNOWN -> false;
        };
    }
}
