package servicedesk.targets;

import java.time.Duration;
import servicedesk.incident.Escalation;
import servicedesk.notify.OnCall;
import servicedesk.notify.Pause;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.DeskRecords;

/**
 * Notices to on-call that concern the whole desk, written as escalations (the stream relays them to the
 * on-call topic): each claimed by what it is about, so a repeat writes nothing.
 */
public final class OnCallNotices implements OnCall {
    private final DeskRecords records;

    public OnCallNotices(DeskRecords records) {
        this.records = records;
    }

    @Override
    public void sendingPaused(Pause pause) {
        String id = "sending-paused:" + pause.since().toEpochMilli();
        records.commit(Claim.expiring(id, pause.since().plus(Duration.ofDays(30))), Change.of(new Change.Escalate(
                new Escalation(id, Escalation.Kind.SENDING_PAUSED, null, null, null, pause.notice(), pause.since()))));
    }
}
