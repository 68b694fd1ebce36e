package org.nautilus.fix.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.PortfolioId;
import quickfix.ConfigError;
import quickfix.SessionID;
import quickfix.SessionSettings;

class SessionPolicyTest {

    private static SessionSettings settings(String text) throws ConfigError {
        return new SessionSettings(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final SessionID CLIENT1 = new SessionID("FIX.4.4", "NAUTILUS", "CLIENT1");

    @Test
    void anOrderEntrySessionReadsItsUserPortfolioThrottleAndGrace() throws Exception {
        SessionPolicy policy = SessionPolicy.read(settings("""
                [session]
                BeginString=FIX.4.4
                SenderCompID=NAUTILUS
                TargetCompID=CLIENT1
                User=fixclient
                Portfolio=alpha
                ThrottleMessagesPerSecond=50
                CancelOnDisconnect=Y
                CancelOnDisconnectGraceSeconds=7
                """), CLIENT1);
        assertThat(policy.user()).isEqualTo("fixclient");
        assertThat(policy.portfolio()).isEqualTo(PortfolioId.of("alpha"));
        assertThat(policy.messagesPerSecond()).isEqualTo(50);
        assertThat(policy.cancelOnDisconnect()).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.isDropCopy()).isFalse();
        assertThat(policy.clientOrderPrefix()).isEqualTo("fix:CLIENT1:");
    }

    @Test
    void aDropCopyNeedsItsPortfoliosAndAnOrderEntrySessionItsPortfolio() throws Exception {
        assertThatThrownBy(() -> SessionPolicy.read(settings("""
                [session]
                BeginString=FIX.4.4
                SenderCompID=NAUTILUS
                TargetCompID=CLIENT1
                User=fixclient
                """), CLIENT1)).isInstanceOf(ConfigError.class).hasMessageContaining("Portfolio");
        SessionPolicy copy = SessionPolicy.read(settings("""
                [session]
                BeginString=FIX.4.4
                SenderCompID=NAUTILUS
                TargetCompID=CLIENT1
                User=viewer
                DropCopy=Y
                DropCopyPortfolios=a, b
                """), CLIENT1);
        assertThat(copy.dropCopyPortfolios()).containsExactlyInAnyOrder(PortfolioId.of("a"), PortfolioId.of("b"));
        assertThat(copy.cancelOnDisconnect()).isNull();
    }

    @Test
    void aMissingUserOrANegativeThrottleIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> SessionPolicy.read(settings("""
                [session]
                BeginString=FIX.4.4
                SenderCompID=NAUTILUS
                TargetCompID=CLIENT1
                Portfolio=alpha
                """), CLIENT1)).isInstanceOf(ConfigError.class).hasMessageContaining("User");
        assertThatThrownBy(() -> SessionPolicy.read(settings("""
                [session]
                BeginString=FIX.4.4
                SenderCompID=NAUTILUS
                TargetCompID=CLIENT1
                User=u
                Portfolio=alpha
                ThrottleMessagesPerSecond=-1
                """), CLIENT1)).isInstanceOf(ConfigError.class).hasMessageContaining("ThrottleMessagesPerSecond");
    }
}
