package io.ringline.sandbox.meta;

/**
 * A Graph API error in Meta's vocabulary: error code (and optional subcode), message and
 * {@code error_data.details}. The API layer turns it into Meta's error body; code 190 is an authentication failure.
 */
public class GraphException extends RuntimeException {

    private final int code;
    private final Integer subcode;
    private final String details;

    public GraphException(int code, Integer subcode, String message, String details) {
        super(message);
        this.code = code;
        this.subcode = subcode;
        this.details = details;
    }

    public GraphException(int code, String message, String details) {
        this(code, null, message, details);
    }

    /** Meta's generic "(#100) Invalid parameter", with what is wrong in the details. */
    public static GraphException invalidParameter(String details) {
        return new GraphException(100, "(#100) Invalid parameter", details);
    }

    public int code() {
        return code;
    }

    public Integer subcode() {
        return subcode;
    }

    public String details() {
        return details;
    }
}
