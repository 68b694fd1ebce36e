package org.nautilus.api.oms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectionCodesTest {

    @Test
    void theCodeIsTheBracketedWordAtTheEndOfTheReason() {
        assertThat(RejectionCodes.fromReason("max-order-quantity: 5000 > 1000 [MAX_ORDER_QUANTITY]"))
                .contains("MAX_ORDER_QUANTITY");
        assertThat(RejectionCodes.fromReason("x: too big [MAX_NOTIONAL]  ")).as("trailing blanks")
                .contains("MAX_NOTIONAL");
        assertThat(RejectionCodes.fromReason("venue: [E2] unknown")).as("not at the end").isEmpty();
    }

    @Test
    void anythingElseIsNoCode() {
        assertThat(RejectionCodes.fromReason(null)).isEmpty();
        assertThat(RejectionCodes.fromReason("venue says no")).isEmpty();
        assertThat(RejectionCodes.fromReason("price [12.5 at SIM]")).isEmpty();
        assertThat(RejectionCodes.fromReason("lower case [max_notional]")).isEmpty();
        assertThat(RejectionCodes.fromReason("digits first [1ABC]")).isEmpty();
        assertThat(RejectionCodes.fromReason("empty []")).isEmpty();
        assertThat(RejectionCodes.fromReason("too long [" + "A".repeat(RejectionCodes.MAX_LENGTH + 1) + "]")).isEmpty();
        assertThat(RejectionCodes.fromReason("just long enough [" + "A".repeat(RejectionCodes.MAX_LENGTH) + "]"))
                .isPresent();
    }
}
