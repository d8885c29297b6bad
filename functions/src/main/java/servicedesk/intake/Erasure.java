package servicedesk.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.TimelineEntry;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;

/**
 * Takes a post that is gone from X out of the incident it opened (the description) or joined (its timeline
 * line); the incident stays, with a note of why. The one erasure: a deletion event ({@link TweetIntake#onDelete})
 * and X's batch compliance results ({@link DeletionCheck}) both come here.
 */
final class Erasure {
    /** What is left of a post's text once its author deleted it on X. */
    static final String DELETED_TEXT = "[deleted on X by its author]";

    /** Why a post is gone, as X's batch compliance gives it ({@code deleted}, {@code suspended}, …). */
    static final String DELETED = "deleted";

    enum Result { ERASED, NOTHING_TO_ERASE, ALREADY_ERASED }

    private final IncidentStore incidents;
    private final DeskRecords records;
    private final Clock clock;

    Erasure(IncidentStore incidents, DeskRecords records, Clock clock) {
        this.incidents = incidents;
        this.records = records;
        this.clock = clock;
    }

    /** What stands in for a post's text once it is gone for {@code reason}. */
    static String replacement(String reason) {
        return DELETED.equals(reason) ? DELETED_TEXT : "[no longer on X: " + reason + "]";
    }

    /** Whether {@code text} is what an erasure left, so the post is not looked up again. */
    static boolean erased(String text) {
        return text != null && (text.equals(DELETED_TEXT) || text.startsWith("[no longer on X: "));
    }

    /**
     * @param authorId who deleted it, when X said (a deletion event); null takes the incident's own record
     * @param reason   {@link #DELETED}, or X's compliance reason ({@code protected}, {@code suspended}, …)
     */
    Result erase(String tweetId, String authorId, String reason) {
        Optional<String> number = incidents.incidentForTweet(tweetId);
        Optional<Incident> incident = number.flatMap(incidents::find);
        if (incident.isEmpty()) {
            return Result.NOTHING_TO_ERASE;
        }
        Instant now = clock.instant();
        String text = replacement(reason);
        String author = authorId;
        List<Change.Write> writes = new ArrayList<>();
        if (tweetId.equals(incident.get().sourceTweetId())) {
            writes.add(new Change.ReplaceDescription(number.get(), text, now));
            author = author == null ? incident.get().reporter().userId() : author;
        }
        for (TimelineEntry entry : incidents.timeline(number.get())) {
            if (entry.id().equals("tweet:" + tweetId)) {
                writes.add(new Change.AddNote(number.get(), new TimelineEntry(entry.id(), entry.at(), entry.kind(),
                        entry.actorId(), text)));
                author = author == null ? entry.actorId() : author;
            }
        }
        String why = DELETED.equals(reason) ? "was deleted on X by its author"
                : "is no longer available on X (" + reason + ")";
        writes.add(new Change.AddNote(number.get(), new TimelineEntry("deleted:" + tweetId, now,
                TimelineEntry.Kind.WORK_NOTE, author,
                "Tweet " + tweetId + " " + why + "; its text was removed here.")));
        return records.commit(Claim.expiring("deleted:" + tweetId, now.plus(Intake.REDELIVERY_WINDOW)),
                Change.of(writes)) ? Result.ERASED : Result.ALREADY_ERASED;
    }
}
