package org.nautilus.api.oms;

/**
 * The OMS cannot take commands right now: its durable store failed, it is recovering, or (in a cluster) it is
 * moving to another node. Retryable: a submit retried with the same client order id is applied at most once
 * (it returns the existing order if the first attempt was applied), a cancel retried is refused if the first one
 * went through.
 */
public class OrderServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OrderServiceUnavailableException(String message) {
        super(message);
    }

    public OrderServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always {@code true}: the command may be sent again. */
    public boolean retryable() {
        return true;
    }
}
