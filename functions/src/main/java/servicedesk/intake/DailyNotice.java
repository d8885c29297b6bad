package servicedesk.intake;

import java.time.Duration;
import java.time.Instant;
import servicedesk.incident.Escalation;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;

/** A problem a scheduled watch finds on every run, told to on-call once a day: to know, not to be paged each run. */
final class DailyNotice {
    private DailyNotice() {
    }

    /** Escalates {@code problem} unless it was already escalated today (UTC); its id is the problem and the day. */
    static void escalate(DeskRecords records, String problem, Escalation.Kind kind, String subject, String priority,
                         String text, Instant now) {
        String id = problem + ":" + TweetIntake.day(now);
        records.commit(Claim.expiring(id, now.plus(Duration.ofDays(2))),
                Change.of(new Change.Escalate(new Escalation(id, kind, subject, priority, "x", text, now))));
    }
}
