package servicedesk.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import servicedesk.format.Timestamps;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentState;
import servicedesk.incident.IncidentStore;
import servicedesk.incident.IncidentTotals;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.Announcement;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStore;
import servicedesk.outage.OutageUpdate;
import servicedesk.outage.PossibleOutage;
import servicedesk.records.Change;
import servicedesk.records.Claim;
import servicedesk.records.Conflict;
import servicedesk.records.DeskRecords;
import servicedesk.records.Reporting;
import servicedesk.relay.Committed;

/**
 * The desk's records in memory, for the domain's unit tests, with the DynamoDB store's semantics (held to
 * them by {@code DeskRecordsContract}): a claim is taken once; every write's condition is checked against
 * the records as they were before the change, and a failed one writes nothing at all; one change writes an
 * item at most once. It reads back through {@link #incidents()} and {@link #outages()}, and shows what the
 * table's stream would relay ({@link #stream()}).
 */
public final class MemoryDesk implements DeskRecords {
    private final Map<String, Claim> claims = new HashMap<>();
    private final Map<String, Incident> incidents = new HashMap<>();
    private final Map<String, TreeMap<String, TimelineEntry>> timelines = new HashMap<>();
    private final Map<String, OutboundMessage> outbox = new LinkedHashMap<>();
    private final Map<String, Escalation> escalations = new LinkedHashMap<>();
    private final Set<String> blocked = new HashSet<>();
    private final Set<String> blockingAccount = new HashSet<>();
    private final Map<String, Outage> outages = new HashMap<>();
    private final Map<String, TreeMap<String, OutageUpdate>> updates = new HashMap<>();
    private final Map<String, String> activeOutages = new HashMap<>();
    private final Map<String, Announcement> announcements = new LinkedHashMap<>();
    private final Map<String, PossibleOutage> alerts = new LinkedHashMap<>();
    private final Map<String, Long> counters = new HashMap<>();
    private final Map<String, Reporting> reporting = new HashMap<>();
    private IncidentTotals closedTotals = IncidentTotals.NONE;
    private final List<Committed> stream = new ArrayList<>();
    private final IncidentStore incidentStore = new Incidents();
    private final OutageStore outageStore = new Outages();

    // ---- the unit of work -----------------------------------------------------------------------------

    @Override
    public synchronized boolean commit(Claim claim, Change change) {
        if (claims.containsKey(claim.key())) {
            return false;
        }
        Set<String> items = new HashSet<>(Set.of("CLAIM#" + claim.key()));
        for (Change.Write write : change.writes()) {
            if (!items.add(itemOf(write))) {
                throw new IllegalArgumentException("One change writes " + itemOf(write) + " twice");
            }
        }
        for (Change.Write write : change.writes()) {
            if (!holds(write)) {
                throw new Conflict("The condition of " + write.getClass().getSimpleName()
                        + " failed while handling " + claim.key());
            }
        }
        claims.put(claim.key(), claim);
        change.writes().forEach(this::apply);
        return true;
    }

    @Override
    public synchronized Reporting reporting(String authorId) {
        return reporting.getOrDefault(authorId, Reporting.NONE);
    }

    @Override
    public synchronized boolean isClaimed(String claimKey) {
        return claims.containsKey(claimKey);
    }

    @Override
    public synchronized long reserveSequence(String name, int count) {
        return counters.merge("seq:" + name, (long) count, Long::sum);
    }

    @Override
    public synchronized long count(String name, Instant expiresAt) {
        return counters.merge("count:" + name, 1L, Long::sum);
    }

    /** The table item a write touches, as the DynamoDB store keys it. */
    private static String itemOf(Change.Write write) {
        return switch (write) {
            case Change.OpenIncident open -> "INC#" + open.incident().number();
            case Change.AddNote note -> "INC#" + note.incidentNumber() + "/" + timelineKey(note.entry());
            case Change.QueueMessage queued -> "MSG#" + queued.message().key();
            case Change.AlsoClaim also -> "CLAIM#" + also.claim().key();
            case Change.LinkIncident link -> "INC#" + link.incidentNumber();
            case Change.MoveIncident move -> "INC#" + move.incidentNumber();
            case Change.ResolveIncident resolve -> "INC#" + resolve.incidentNumber();
            case Change.EditIncident edit -> "INC#" + edit.incidentNumber();
            case Change.RespondFirst first -> "INC#" + first.incidentNumber();
            case Change.FlagIncident flag -> "INC#" + flag.incidentNumber();
            case Change.ReplaceDescription replace -> "INC#" + replace.incidentNumber();
            case Change.FoldIntoClosedTotals fold -> "TOTALS#CLOSED";
            case Change.Escalate escalate -> "ESC#" + escalate.escalation().id();
            case Change.SetBlocked block -> "BLOCKED#" + block.userId() + (block.blocksAccount() ? "/BLOCKS-ACCOUNT" : "");
            case Change.SaveOutage save -> "OUTAGE#" + save.outage().id();
            case Change.AddOutageUpdate added -> "OUTAGE#" + added.outageId() + "/" + updateKey(added.update());
            case Change.SetActiveOutage active -> "ACTIVE#" + active.service();
            case Change.ClearActiveOutage cleared -> "ACTIVE#" + cleared.service();
            case Change.PublishAnnouncement published -> "ANN#" + published.announcement().id();
            case Change.RaiseAlert alert -> "ALERT#" + alert.alert().id();
            case Change.TakeReportAllowance take -> "REPORTER#" + take.authorId();
        };
    }

    /** Whether the write's condition holds on the records as they are. */
    private boolean holds(Change.Write write) {
        return switch (write) {
            case Change.OpenIncident open -> !incidents.containsKey(open.incident().number());
            case Change.AddNote note -> true;
            case Change.QueueMessage queued -> !outbox.containsKey(queued.message().key());
            case Change.AlsoClaim also -> !claims.containsKey(also.claim().key());
            case Change.LinkIncident link -> incidents.containsKey(link.incidentNumber());
            case Change.MoveIncident move -> inState(move.incidentNumber(), move.from());
            case Change.ResolveIncident resolve -> inState(resolve.incidentNumber(), resolve.from());
            case Change.EditIncident edit -> inState(edit.incidentNumber(), edit.expected())
                    && (edit.expectedVersion() == null || incidents.get(edit.incidentNumber()).version() == edit.expectedVersion());
            case Change.RespondFirst first -> incidents.containsKey(first.incidentNumber());
            case Change.FlagIncident flag -> incidents.containsKey(flag.incidentNumber());
            case Change.ReplaceDescription replace -> incidents.containsKey(replace.incidentNumber());
            case Change.FoldIntoClosedTotals fold -> true;
            case Change.Escalate escalate -> !escalations.containsKey(escalate.escalation().id());
            case Change.SetBlocked block -> true;
            case Change.SaveOutage save -> save.outage().version() == 1
                    ? !outages.containsKey(save.outage().id())
                    : outages.containsKey(save.outage().id())
                    && outages.get(save.outage().id()).version() == save.outage().version() - 1;
            case Change.AddOutageUpdate added -> true;
            case Change.SetActiveOutage active -> !activeOutages.containsKey(active.service());
            case Change.ClearActiveOutage cleared -> cleared.outageId().equals(activeOutages.get(cleared.service()));
            case Change.PublishAnnouncement published -> !announcements.containsKey(published.announcement().id());
            case Change.RaiseAlert alert -> !alerts.containsKey(alert.alert().id());
            case Change.TakeReportAllowance take -> {
                Reporting author = reporting(take.authorId());
                String onRecord = author.incident(take.service()).orElse(null);
                yield (onRecord == null || onRecord.equals(take.replacing())) && author.openedOn(take.day()) < take.allowance();
            }
        };
    }

    private boolean inState(String number, IncidentState state) {
        return incidents.containsKey(number) && incidents.get(number).state() == state;
    }

    private void apply(Change.Write write) {
        switch (write) {
            case Change.OpenIncident open -> incidents.put(open.incident().number(), open.incident());
            case Change.AddNote note -> timelines.computeIfAbsent(note.incidentNumber(), number -> new TreeMap<>())
                    .put(timelineKey(note.entry()), note.entry());
            case Change.QueueMessage queued -> {
                outbox.put(queued.message().key(), queued.message());
                inserted(position -> new Committed.MessageQueued(position, queued.message().key()));
            }
            case Change.AlsoClaim also -> claims.put(also.claim().key(), also.claim());
            case Change.LinkIncident link -> update(link.incidentNumber(), incident -> new Edited(incident)
                    .outage(link.outageId()).updated(link.at()).respondedBy(link.responds() ? link.at() : null).incident());
            case Change.MoveIncident move -> edit(new Change.EditIncident(move.incidentNumber(), move.from(), move.to(),
                    null, null, move.at()));
            case Change.ResolveIncident resolve -> edit(new Change.EditIncident(resolve.incidentNumber(), resolve.from(),
                    IncidentState.RESOLVED, resolve.resolution(), null, resolve.resolution().at()));
            case Change.EditIncident edit -> edit(edit);
            case Change.RespondFirst first -> update(first.incidentNumber(),
                    incident -> new Edited(incident).respondedBy(first.at()).incident());
            case Change.FlagIncident flag -> update(flag.incidentNumber(),
                    incident -> new Edited(incident).flag(flag.flag()).incident());
            case Change.ReplaceDescription replace -> update(replace.incidentNumber(),
                    incident -> new Edited(incident).description(replace.description()).updated(replace.at()).incident());
            case Change.FoldIntoClosedTotals fold -> closedTotals = closedTotals.plus(fold.share());
            case Change.Escalate escalate -> {
                escalations.put(escalate.escalation().id(), escalate.escalation());
                inserted(position -> new Committed.Escalated(position, escalate.escalation()));
            }
            case Change.SetBlocked block -> {
                Set<String> which = block.blocksAccount() ? blockingAccount : blocked;
                if (block.blocked()) {
                    which.add(block.userId());
                } else {
                    which.remove(block.userId());
                }
            }
            case Change.SaveOutage save -> outages.put(save.outage().id(), save.outage());
            case Change.AddOutageUpdate added -> updates.computeIfAbsent(added.outageId(), id -> new TreeMap<>())
                    .put(updateKey(added.update()), added.update());
            case Change.SetActiveOutage active -> activeOutages.put(active.service(), active.outageId());
            case Change.ClearActiveOutage cleared -> activeOutages.remove(cleared.service());
            case Change.PublishAnnouncement published -> {
                announcements.put(published.announcement().id(), published.announcement());
                inserted(position -> new Committed.AnnouncementPublished(position, published.announcement()));
            }
            case Change.RaiseAlert alert -> {
                alerts.put(alert.alert().id(), alert.alert());
                inserted(position -> new Committed.AlertRaised(position, alert.alert()));
            }
            case Change.TakeReportAllowance take -> {
                Reporting author = reporting(take.authorId());
                Map<String, String> incidents = new HashMap<>(author.incidentByService());
                incidents.put(take.service(), take.incidentNumber());
                Map<java.time.LocalDate, Integer> opened = new HashMap<>(Map.of(take.day(), author.openedOn(take.day()) + 1));
                reporting.put(take.authorId(), new Reporting(incidents, opened));
            }
        }
    }

    private void edit(Change.EditIncident edit) {
        update(edit.incidentNumber(), incident -> {
            Edited edited = new Edited(incident).updated(edit.at()).state(edit.state()).assignee(edit.assignee());
            if (edit.resolution() != null) {
                // A resolution answers the reporter: the first response, if there was none.
                edited.resolution(edit.resolution()).respondedBy(edit.at());
            }
            if (edit.responds()) {
                edited.respondedBy(edit.at());
            }
            return edited.incident();
        });
    }

    /** Every update of an incident's record counts one more version, as the table's update expressions do. */
    private void update(String number, java.util.function.UnaryOperator<Incident> change) {
        Incident changed = change.apply(incidents.get(number));
        incidents.put(number, new Incident(changed.number(), changed.state(), changed.priority(), changed.impact(),
                changed.urgency(), changed.service(), changed.reporter(), changed.sourceTweetId(), changed.sourceTweetUrl(),
                changed.description(), changed.flags(), changed.openedAt(), changed.updatedAt(), changed.firstResponseDue(),
                changed.resolutionDue(), changed.outageId(), changed.firstRespondedAt(), changed.resolution(),
                changed.assignee(), changed.version() + 1));
    }

    private void inserted(java.util.function.Function<String, Committed> record) {
        stream.add(record.apply(Integer.toString(stream.size() + 1)));
    }

    private static String timelineKey(TimelineEntry entry) {
        return Timestamps.format(entry.at()) + "#" + entry.id();
    }

    private static String updateKey(OutageUpdate update) {
        return Timestamps.format(update.at()) + "#" + update.announcementId();
    }

    /** An incident with some parts changed, as an update expression changes its item. */
    private static final class Edited {
        private Incident incident;

        Edited(Incident incident) {
            this.incident = incident;
        }

        Edited state(IncidentState state) {
            return state == null ? this : with(state, incident.flags(), incident.updatedAt(), incident.outageId(),
                    incident.firstRespondedAt(), incident.resolution(), incident.assignee());
        }

        Edited updated(Instant at) {
            return with(incident.state(), incident.flags(), at, incident.outageId(), incident.firstRespondedAt(),
                    incident.resolution(), incident.assignee());
        }

        Edited outage(String outageId) {
            return with(incident.state(), incident.flags(), incident.updatedAt(), outageId, incident.firstRespondedAt(),
                    incident.resolution(), incident.assignee());
        }

        /** Sets the first response unless there was one. */
        Edited respondedBy(Instant at) {
            return at == null || incident.firstRespondedAt() != null ? this : with(incident.state(), incident.flags(),
                    incident.updatedAt(), incident.outageId(), at, incident.resolution(), incident.assignee());
        }

        Edited flag(String flag) {
            Set<String> flags = new HashSet<>(incident.flags());
            flags.add(flag);
            return with(incident.state(), flags, incident.updatedAt(), incident.outageId(), incident.firstRespondedAt(),
                    incident.resolution(), incident.assignee());
        }

        Edited resolution(Resolution resolution) {
            return with(incident.state(), incident.flags(), incident.updatedAt(), incident.outageId(),
                    incident.firstRespondedAt(), resolution, incident.assignee());
        }

        Edited assignee(String assignee) {
            return assignee == null ? this : with(incident.state(), incident.flags(), incident.updatedAt(),
                    incident.outageId(), incident.firstRespondedAt(), incident.resolution(), assignee);
        }

        Edited description(String description) {
            Incident was = incident;
            incident = new Incident(was.number(), was.state(), was.priority(), was.impact(), was.urgency(), was.service(),
                    was.reporter(), was.sourceTweetId(), was.sourceTweetUrl(), description, was.flags(), was.openedAt(),
                    was.updatedAt(), was.firstResponseDue(), was.resolutionDue(), was.outageId(), was.firstRespondedAt(),
                    was.resolution(), was.assignee());
            return this;
        }

        Incident incident() {
            return incident;
        }

        private Edited with(IncidentState state, Set<String> flags, Instant updatedAt, String outageId,
                            Instant firstRespondedAt, Resolution resolution, String assignee) {
            Incident was = incident;
            incident = new Incident(was.number(), state, was.priority(), was.impact(), was.urgency(), was.service(),
                    was.reporter(), was.sourceTweetId(), was.sourceTweetUrl(), was.description(), flags, was.openedAt(),
                    updatedAt, was.firstResponseDue(), was.resolutionDue(), outageId, firstRespondedAt, resolution,
                    assignee, was.version());
            return this;
        }
    }

    /** The incidents as the {@link IncidentStore} reads them. */
    public IncidentStore incidents() {
        return incidentStore;
    }

    /** The outages and announcements as the {@link OutageStore} reads them. */
    public OutageStore outages() {
        return outageStore;
    }

    private final class Incidents implements IncidentStore {
        @Override
        public Optional<Incident> find(String number) {
            synchronized (MemoryDesk.this) {
                return Optional.ofNullable(incidents.get(number));
            }
        }

        @Override
        public Optional<String> incidentForTweet(String tweetId) {
            synchronized (MemoryDesk.this) {
                Claim claim = claims.get(Claim.tweet(tweetId, null).key());
                return claim == null ? Optional.empty() : Optional.ofNullable(claim.incidentNumber());
            }
        }

        @Override
        public List<Incident> byReporter(String reporterId, int limit) {
            synchronized (MemoryDesk.this) {
                return newestFirst().stream().filter(incident -> incident.reporter().userId().equals(reporterId))
                        .limit(limit).toList();
            }
        }

        @Override
        public List<TimelineEntry> timeline(String number) {
            synchronized (MemoryDesk.this) {
                return List.copyOf(timelines.getOrDefault(number, new TreeMap<>()).values());
            }
        }

        @Override
        public IncidentTotals closedTotals() {
            synchronized (MemoryDesk.this) {
                return closedTotals;
            }
        }

        /** Page tokens are offsets into the listing; anything else is refused, as a foreign DynamoDB token is. */
        @Override
        public IncidentPage list(IncidentQuery query) {
            synchronized (MemoryDesk.this) {
                List<Incident> matching = newestFirst().stream()
                        .filter(incident -> query.state() == null || incident.state() == query.state())
                        .filter(incident -> query.service() == null || incident.service().equals(query.service()))
                        .filter(incident -> query.reporterId() == null || incident.reporter().userId().equals(query.reporterId()))
                        .filter(incident -> !query.openOnly() || incident.isOpen())
                        .filter(incident -> query.outageId() == null || query.outageId().equals(incident.outageId()))
                        .toList();
                int from = offset(query.pageToken());
                int to = Math.min(matching.size(), from + query.limit());
                return new IncidentPage(matching.subList(Math.min(from, to), to), to < matching.size() ? "offset:" + to : null);
            }
        }

        private static int offset(String token) {
            if (token == null || token.isBlank()) {
                return 0;
            }
            try {
                if (token.startsWith("offset:")) {
                    return Integer.parseInt(token.substring("offset:".length()));
                }
            } catch (NumberFormatException unreadable) {
                // refused below
            }
            throw new IllegalArgumentException("Invalid page token");
        }

        private List<Incident> newestFirst() {
            return incidents.values().stream()
                    .sorted(Comparator.comparing(Incident::openedAt).thenComparing(Incident::number).reversed())
                    .toList();
        }
    }

    private final class Outages implements OutageStore {
        @Override
        public Optional<Outage> active(String service) {
            synchronized (MemoryDesk.this) {
                return Optional.ofNullable(activeOutages.get(service)).map(outages::get);
            }
        }

        @Override
        public Optional<Outage> find(String id) {
            synchronized (MemoryDesk.this) {
                return Optional.ofNullable(outages.get(id));
            }
        }

        @Override
        public List<Outage> recent(int limit) {
            synchronized (MemoryDesk.this) {
                return outages.values().stream().sorted(Comparator.comparing(Outage::startedAt).reversed()).limit(limit).toList();
            }
        }

        @Override
        public List<OutageUpdate> updates(String outageId) {
            synchronized (MemoryDesk.this) {
                return List.copyOf(updates.getOrDefault(outageId, new TreeMap<>()).values());
            }
        }

        @Override
        public List<Announcement> recentAnnouncements(int limit) {
            synchronized (MemoryDesk.this) {
                return announcements.values().stream().sorted(Comparator.comparing(Announcement::at).reversed())
                        .limit(limit).toList();
            }
        }
    }

    // ---- what a test looks at ---------------------------------------------------------------------------

    /** Every message queued for the sender, in the order the changes queued them. */
    public synchronized List<OutboundMessage> queued() {
        return List.copyOf(outbox.values());
    }

    public synchronized List<Escalation> escalations() {
        return List.copyOf(escalations.values());
    }

    public synchronized List<PossibleOutage> alerts() {
        return List.copyOf(alerts.values());
    }

    /** Whether the user has blocked the IT account, as the desk recorded it. */
    public synchronized boolean blockedBy(String userId) {
        return blockingAccount.contains(userId);
    }

    /** Whether the IT account has blocked the user, as the desk recorded it. */
    public synchronized boolean blocks(String userId) {
        return blocked.contains(userId);
    }

    /** The desk's manners on these records: blocks as recorded, and no limit on unsolicited messages. */
    public servicedesk.notify.Audience audience() {
        return new servicedesk.notify.Audience() {
            @Override
            public boolean isBlocked(String userId) {
                return blocks(userId);
            }

            @Override
            public boolean blocksAccount(String userId) {
                return blockedBy(userId);
            }

            @Override
            public boolean takeUnsolicited(String userId, java.time.LocalDate day) {
                return true;
            }

            @Override
            public boolean acceptsDms(String userId, java.time.Instant now) {
                return true;
            }

            @Override
            public void dmsRefused(String userId, java.time.Instant until) {
                // not remembered here
            }
        };
    }

    /** What the table's stream would hand the relay: each new outbox message, announcement, alert and escalation. */
    public synchronized List<Committed> stream() {
        return List.copyOf(stream);
    }
}
