package io.ringline.sandbox.meta;

/** The calling errors the sandbox raises, with Meta's codes (reference/meta-cloud-api-calling.md). */
public final class GraphErrors {

    private GraphErrors() {
    }

    public static GraphException invalidToken() {
        return new GraphException(190, "Invalid OAuth access token - Cannot parse access token",
                "The access token is missing or does not belong to this phone number");
    }

    public static GraphException unknownObject(String id) {
        return new GraphException(100, 33, "Unsupported post request. Object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation",
                null);
    }

    public static GraphException sipEnabled() {
        return new GraphException(131055, "(#131055) Method not allowed",
                "Calling via the Graph API is not allowed while SIP is enabled on this phone number");
    }

    public static GraphException callingDisabled() {
        return new GraphException(138000, "(#138000) Calling not enabled",
                "Calling is not enabled for this phone number");
    }

    public static GraphException concurrentCallsLimit() {
        return new GraphException(138002, "(#138002) Concurrent calls limit",
                "The phone number reached its limit of concurrent calls");
    }

    public static GraphException callAlreadyOngoing() {
        return new GraphException(138003, "(#138003) Duplicate call",
                "A call with this WhatsApp user is already ongoing");
    }

    public static GraphException noCallPermission() {
        return new GraphException(138006, "(#138006) No approved call permission",
                "The WhatsApp user has not approved a call permission request from this business");
    }

    public static GraphException permissionRequestLimit(String details) {
        return new GraphException(138009, "(#138009) Call permission request limit reached", details);
    }

    public static GraphException businessInitiatedCallLimit() {
        return new GraphException(138012, "(#138012) Business initiated calls limit reached",
                "100 connected business-initiated calls to this user in 24 hours");
    }

    public static GraphException messagingLimitTooLow() {
        return new GraphException(138015, "(#138015) Calling cannot be enabled",
                "Calling can only be enabled on phone numbers with a messaging limit of at least 2,000");
    }

    public static GraphException permanentPermissionExists() {
        return new GraphException(138017, "(#138017) Permanent call permission already exists",
                "The WhatsApp user already granted this business a permanent call permission");
    }
}
