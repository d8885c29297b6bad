package servicedesk.console;

import static servicedesk.console.Html.escape;
import static servicedesk.console.Html.when;

import java.time.Instant;
import java.util.List;

/** The outbox: messages waiting to go out, by class, and what is left of X's budget in each window. */
public final class OutboxScreen {

    /** Messages of one class waiting to be sent; {@code oldest} is when the longest-waiting one was queued. */
    public record Waiting(String messageClass, int count, Instant oldest) {
    }

    /** What X's last answer said of a window: requests left (or null if unknown) and when it resets. */
    public record Budget(String window, Integer remaining, Integer limit, Instant resetsAt) {
    }

    /** Where the outbox's figures come from. */
    public interface Source {
        List<Waiting> waiting(Instant now);

        List<Budget> budgets(Instant now);
    }

    private final Source source;

    OutboxScreen(Source source) {
        this.source = source;
    }

    String render(Instant now) {
        List<Waiting> waiting = source.waiting(now);
        List<Budget> budgets = source.budgets(now);
        StringBuilder html = new StringBuilder(4_096).append("<h1>Outbox</h1>")
                .append("<section aria-labelledby=\"waiting\"><h2 id=\"waiting\">Waiting to be sent</h2>");
        int total = waiting.stream().mapToInt(Waiting::count).sum();
        if (total == 0) {
            html.append("<p class=\"muted\">Nothing is waiting: every message has gone out.</p>");
        } else {
            html.append("<table><thead><tr><th scope=\"col\">Class</th><th scope=\"col\">Waiting</th>")
                    .append("<th scope=\"col\">Waiting since</th></tr></thead><tbody>");
            for (Waiting row : waiting) {
                html.append("<tr><th scope=\"row\">").append(escape(row.messageClass())).append("</th><td>").append(row.count())
                        .append("</td><td>").append(when(row.oldest())).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        html.append("</section><section aria-labelledby=\"budget\"><h2 id=\"budget\">X's budget</h2>");
        if (budgets.isEmpty()) {
            html.append("<p class=\"muted\">No answer from X yet: the budget shows once the desk has sent something.</p>");
        } else {
            html.append("<table><thead><tr><th scope=\"col\">Window</th><th scope=\"col\">Left</th>")
                    .append("<th scope=\"col\">Resets</th></tr></thead><tbody>");
            for (Budget budget : budgets) {
                html.append("<tr><th scope=\"row\">").append(escape(budget.window())).append("</th><td>")
                        .append(budget.remaining() == null ? "unknown" : budget.remaining()
                                + (budget.limit() == null ? "" : " of " + budget.limit()))
                        .append("</td><td>").append(budget.resetsAt() == null ? "" : when(budget.resetsAt())).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        return html.append("</section>").toString();
    }
}
