package servicedesk.privacy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text and redacts them. The desk never stores, repeats or logs what it redacts: only
 * the redacted text and the kinds found leave this class.
 */
public final class SecretScanner {
    public static final String REDACTED = "[redacted]";
    /** Longer than any post (25,000 characters) or DM (10,000) X carries. */
    public static final int MAX_TEXT = 30_000;
    static final String TRUNCATED = " [cut: too long]";

    public record Result(String redactedText, Set<SecretKind> kinds) {
        public boolean foundSecret() {
            return !kinds.isEmpty();
        }
    }

    private record Rule(SecretKind kind, Pattern pattern, int secretGroup) {
    }

    /**
     * Every rule runs in time linear in the text: a run of token characters is only entered where it starts
     * (a look-behind for the run's own class, not {@code \\b}, which also matches inside runs of {@code -}
     * or {@code .}), quantifiers over whitespace and runs are possessive, and no optional whitespace is nested
     * in another, so a failed match never re-reads what it read. {@code SecretScannerLinearTimeTest} holds
     * each rule to that on adversarial text.
     */
    private static final List<Rule> RULES = List.of(
            new Rule(SecretKind.PRIVATE_KEY, Pattern.compile(
                    "-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)"), 0),
            new Rule(SecretKind.API_TOKEN, Pattern.compile(
                    "(?<![A-Za-z0-9_-])(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}+|xox[abprs]-[A-Za-z0-9-]{10,}+"
                            + "|sk_(?:live|test)_[A-Za-z0-9]{16,}+|eyJ[A-Za-z0-9_-]{8,}+\\.eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]++)"), 0),
            new Rule(SecretKind.API_TOKEN, Pattern.compile(
                    "(?i)\\b(?:api[ _-]?key|access[ _-]?token|secret[ _-]?key|token|bearer)\\s*+(?:(?:is|[:=])\\s*+)?"
                            + "([A-Za-z0-9_\\-./+=]{16,}+)"), 1),
            new Rule(SecretKind.PASSWORD, Pattern.compile(
                    "(?i)\\b(?:password|passwd|passcode|pwd|pw|pass|pin)\\b\\s*+(?:(?:is|was|[=:-])\\s*+)?"
                            + "[\"'“]?(\\S{3,}?)[\"'”]?(?=[\\s.,;!?]|$)"), 1),
            new Rule(SecretKind.NATIONAL_ID, Pattern.compile(
                    "\\b(?:\\d{3}-\\d{2}-\\d{4}|[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D])\\b"), 0));

    /** 13 to 19 digits, optionally grouped by spaces or dashes: checked with Luhn before redacting. */
    private static final Pattern CARD_CANDIDATE = Pattern.compile("\\b\\d(?:[ -]?\\d){12,18}\\b");
    private static final Set<String> NOT_A_PASSWORD = Set.of(
            "reset", "expired", "change", "changed", "doesn't", "does", "isn't", "not", "wrong", "incorrect",
            "and", "for", "the", "to", "on", "in", "of", "my", "help", "please", "pls", "again", "manager",
            "won't", "wont", "isnt", "has", "keeps", "stopped", "will", "needs", "field", "page", "box", "prompt");

    private final int maxText;

    public SecretScanner() {
        this(MAX_TEXT);
    }

    /** A scanner that reads up to {@code maxText} characters: for measuring the rules on longer text. */
    public SecretScanner(int maxText) {
        this.maxText = maxText;
    }

    /**
     * The text with its secrets redacted. Text past {@link #MAX_TEXT} characters (by default) (longer than any post or DM
     * X carries) is cut off first and only the part scanned is returned, so nothing unscanned is ever kept.
     */
    public Result scan(CharSequence text) {
        Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
        CharSequence redacted = text.length() > maxText ? text.subSequence(0, maxText) + TRUNCATED : text;
        for (Rule rule : RULES) {
            redacted = redact(redacted, rule, kinds);
        }
        redacted = redactCards(redacted, kinds);
        return new Result(redacted.toString(), kinds);
    }

    /** The text itself when the rule finds nothing, so a clean text is read in place by every rule. */
    private static CharSequence redact(CharSequence text, Rule rule, Set<SecretKind> kinds) {
        Matcher matcher = rule.pattern().matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            int start = matcher.start(rule.secretGroup());
            int end = matcher.end(rule.secretGroup());
            String secret = matcher.group(rule.secretGroup());
            if (rule.kind() == SecretKind.PASSWORD && (NOT_A_PASSWORD.contains(secret.toLowerCase()) || secret.equals(REDACTED))) {
                continue;
            }
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, last, start).append(REDACTED);
            last = end;
            kinds.add(rule.kind());
        }
        return out == null ? text : out.append(text, last, text.length());
    }

    private static CharSequence redactCards(CharSequence text, Set<SecretKind> kinds) {
        Matcher matcher = CARD_CANDIDATE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            String digits = matcher.group().replace(" ", "").replace("-", "");
            if (passesLuhn(digits)) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, last, matcher.start()).append(REDACTED);
                last = matcher.end();
                kinds.add(SecretKind.CARD_NUMBER);
            }
        }
        return out == null ? text : out.append(text, last, text.length());
    }

    static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubleIt) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
