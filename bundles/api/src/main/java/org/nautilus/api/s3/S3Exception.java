package org.nautilus.api.s3;

import java.io.IOException;

/**
 * S3 refused a request: the bucket, the request, the HTTP status and S3's error code (e.g.
 * {@code SignatureDoesNotMatch}, {@code NoSuchBucket}) with its message and, for the usual codes, what to check.
 */
public class S3Exception extends IOException {

    private static final long serialVersionUID = 1L;

    private final String bucket;
    private final int status;
    private final String code;

    /**
     * @param request e.g. {@code PUT models/run1/model.bin}
     * @param code    S3's error code, empty when the answer had none
     * @param message S3's error message, or the answer's body, or empty
     */
    public S3Exception(String bucket, String request, int status, String code, String message) {
        super("S3 bucket " + bucket + " refused " + request + ": HTTP " + status + (code.isEmpty() ? "" : " " + code)
                + (message.isEmpty() ? "" : " (" + message + ")") + hint(code));
        this.bucket = bucket;
        this.status = status;
        this.code = code;
    }

    public String bucket() {
        return bucket;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** S3's error code, e.g. {@code AccessDenied}; empty if the answer had none. */
    public String code() {
        return code;
    }

    private static String hint(String code) {
        String hint = switch (code) {
            case "SignatureDoesNotMatch" -> "the secret access key is not the one of this access key id";
            case "InvalidAccessKeyId" -> "S3 does not know this access key id";
            case "AccessDenied" -> "these credentials may not do this on the bucket (the bucket's or the role's "
                    + "policy)";
            case "ExpiredToken", "TokenRefreshRequired" -> "the session token has expired";
            case "InvalidToken" -> "the session token is not valid";
            case "NoSuchBucket" -> "there is no such bucket at this endpoint";
            case "RequestTimeTooSkewed" -> "this machine's clock is more than 15 minutes off S3's";
            case "AuthorizationHeaderMalformed", "PermanentRedirect" -> "the region or endpoint is not the bucket's";
            default -> "";
        };
        return hint.isEmpty() ? "" : ": " + hint;
    }
}
