package servicedesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretScannerTest {
    private final SecretScanner scanner = new SecretScanner();

    @Test
    void redactsAPasswordInATweet() {
        SecretScanner.Result result = scanner.scan("@ITHelp #email can't log in, my password is Tr0ub4dor&3 pls help");
        assertThat(result.kinds()).containsExactly(SecretKind.PASSWORD);
        assertThat(result.redactedText()).isEqualTo("@ITHelp #email can't log in, my password is [redacted] pls help")
                .doesNotContain("Tr0ub4dor");
    }

    @Test
    void leavesTalkAboutPasswordsAlone() {
        assertThat(scanner.scan("I forgot my password").foundSecret()).isFalse();
        assertThat(scanner.scan("password reset page is broken").foundSecret()).isFalse();
        assertThat(scanner.scan("my password expired yesterday").foundSecret()).isFalse();
    }

    @Test
    void redactsCardNumbersThatPassLuhnOnly() {
        SecretScanner.Result card = scanner.scan("charged twice on 4111 1111 1111 1111 for parking");
        assertThat(card.kinds()).containsExactly(SecretKind.CARD_NUMBER);
        assertThat(card.redactedText()).isEqualTo("charged twice on [redacted] for parking");
        assertThat(scanner.scan("ticket 4111 1111 1111 1112 please").foundSecret()).isFalse();
        assertThat(scanner.scan("room 1234, call 555 0100").foundSecret()).isFalse();
    }

    @Test
    void redactsNationalIdsKeysAndTokens() {
        assertThat(scanner.scan("my SSN is 078-05-1120").kinds()).containsExactly(SecretKind.NATIONAL_ID);
        assertThat(scanner.scan("NI number AB 12 34 56 C").kinds()).containsExactly(SecretKind.NATIONAL_ID);
        SecretScanner.Result key = scanner.scan("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----");
        assertThat(key.kinds()).containsExactly(SecretKind.PRIVATE_KEY);
        assertThat(key.redactedText()).isEqualTo("[redacted]");
        assertThat(scanner.scan("key AKIAIOSFODNN7EXAMPLE leaked").redactedText()).isEqualTo("key [redacted] leaked");
        assertThat(scanner.scan("api_key=sk9f8a7s6d5f4g3h2j1k0l").kinds()).containsExactly(SecretKind.API_TOKEN);
    }

    @Test
    void luhnChecksTheStandardTestNumbers() {
        assertThat(SecretScanner.passesLuhn("79927398713")).isTrue();
        assertThat(SecretScanner.passesLuhn("79927398710")).isFalse();
    }
}
