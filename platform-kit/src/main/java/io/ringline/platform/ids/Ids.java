package io.ringline.platform.ids;

import com.github.f4b6a3.ulid.UlidCreator;

/** Prefixed ULIDs (`call_01J…`, `evt_01J…`): sortable by creation time and recognisable by kind. */
public final class Ids {

    private Ids() {
    }

    public static String newId(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid();
    }

    /** True when {@code id} is {@code prefix_} followed by a well-formed ULID. */
    public static boolean isId(String prefix, String id) {
        if (id == null || !id.startsWith(prefix + "_")) {
            return false;
        }
        String ulid = id.substring(prefix.length() + 1);
        return com.github.f4b6a3.ulid.Ulid.isValid(ulid);
    }
}
