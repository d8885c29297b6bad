package servicedesk.testing;

/**
 * Text that counts how often it is read, and stops the reader once it has read more than its budget: the
 * work a regular expression does, measured without a clock, so a test of linear time cannot be flaky and a
 * quadratic rule fails in milliseconds instead of running for minutes.
 */
public final class CountingText implements CharSequence {
    public static final class OverBudget extends RuntimeException {
        OverBudget(long budget) {
            super("read more than " + budget + " characters");
        }
    }

    private final String text;
    private final long budget;
    private long reads;

    public CountingText(String text, long budget) {
        this.text = text;
        this.budget = budget;
    }

    public long reads() {
        return reads;
    }

    @Override
    public char charAt(int index) {
        if (++reads > budget) {
            throw new OverBudget(budget);
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
