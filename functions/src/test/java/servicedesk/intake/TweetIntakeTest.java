package servicedesk.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static servicedesk.intake.DeskUnderTest.DANA_STAFF;
import static servicedesk.intake.DeskUnderTest.IT;
import static servicedesk.intake.DeskUnderTest.JO;
import static servicedesk.intake.DeskUnderTest.SAM;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import servicedesk.incident.Escalation;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentState;
import servicedesk.incident.Priority;
import servicedesk.incident.Resolution;
import servicedesk.incident.TimelineEntry;
import servicedesk.notify.Channel;
import servicedesk.notify.OutboundMessage;
import servicedesk.outage.AnnouncementKind;

/** Tweets at the IT account, through {@link Intake} on an in-memory desk. */
class TweetIntakeTest {
    private final DeskUnderTest it = new DeskUnderTest();

    @Test
    void aMentionWithAServiceHashtagOpensAnIncidentAndDmsItsNumber() {
        assertThat(it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades"))
                .isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);

        Incident incident = it.incident("INC0000001");
        assertThat(incident.state()).isEqualTo(IncidentState.NEW);
        assertThat(incident.priority()).isEqualTo(Priority.P3);
        assertThat(incident.service()).isEqualTo("blackboard");
        assertThat(incident.sourceTweetId()).isEqualTo("101");
        assertThat(incident.firstResponseDue()).isEqualTo(it.clock.instant().plus(Duration.ofHours(4)));
        assertThat(it.desk.incidents().incidentForTweet("101")).contains("INC0000001");
        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::kind)
                .containsExactly(TimelineEntry.Kind.OPENED);
        OutboundMessage dm = it.queued("opened:101");
        assertThat(dm.channel()).isEqualTo(Channel.DIRECT_MESSAGE);
        assertThat(dm.recipientId()).isEqualTo(JO);
        assertThat(dm.text()).contains("INC0000001", "Blackboard Learn", "P3");
        assertThat(dm.fallbackText()).contains("INC0000001").doesNotContain("grades");
        assertThat(dm.inReplyToTweetId()).isEqualTo("101");
    }

    @Test
    void aRedeliveredTweetChangesNothing() {
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");

        assertThat(it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades"))
                .isEqualTo(TweetIntake.Outcome.ALREADY_HANDLED);
        assertThat(it.desk.incidents().find("INC0000002")).isEmpty();
        assertThat(it.desk.queued()).hasSize(1);
    }

    @Test
    void theAccountsOwnTweetsAndRetweetsAreNeverAnswered() {
        assertThat(it.tweet("101", IT, "#outage #wifi we are on it")).isEqualTo(TweetIntake.Outcome.IGNORED_OWN);
        Tweet retweet = it.tweetOf("102", JO, "RT #wifi down", null);
        Tweet marked = new Tweet(retweet.id(), retweet.authorId(), retweet.authorHandle(), retweet.text(), retweet.hashtags(),
                retweet.links(), retweet.mentionedUserIds(), null, null, true, retweet.createdAt());
        assertThat(it.handle(new InboundEvent.TweetCreated(marked, false))).isEqualTo(TweetIntake.Outcome.IGNORED_RETWEET);
        assertThat(it.desk.queued()).isEmpty();
    }

    @Test
    void aSecretIsRedactedAndTheReporterToldToDeleteTheTweet() {
        it.tweet("101", JO, "@ITHelp #email cannot log in, my password is Hunter2Secret!");

        Incident incident = it.incident("INC0000001");
        assertThat(incident.description()).contains("[redacted]").doesNotContain("Hunter2Secret");
        assertThat(incident.flags()).contains(Incident.FLAG_SECRET_REDACTED);
        assertThat(it.queued("opened:101").text()).contains("delete that tweet", "+1 555 0199");
    }

    @Test
    void aMentionWithoutAServiceGetsOneHashtagHintADay() {
        assertThat(it.tweet("101", JO, "@ITHelp nothing works")).isEqualTo(TweetIntake.Outcome.HASHTAG_HELP_SENT);
        assertThat(it.tweet("102", JO, "@ITHelp hello?")).isEqualTo(TweetIntake.Outcome.HASHTAG_HELP_SKIPPED);
        assertThat(it.tweet("101", JO, "@ITHelp nothing works")).isEqualTo(TweetIntake.Outcome.HASHTAG_HELP_SKIPPED);
        it.clock.advance(Duration.ofDays(1));
        assertThat(it.tweet("101", JO, "@ITHelp nothing works")).isEqualTo(TweetIntake.Outcome.ALREADY_HANDLED);
        assertThat(it.tweet("103", JO, "@ITHelp still nothing")).isEqualTo(TweetIntake.Outcome.HASHTAG_HELP_SENT);

        OutboundMessage hint = it.queued("help:101");
        assertThat(hint.channel()).isEqualTo(Channel.PUBLIC_REPLY);
        assertThat(hint.text()).contains("#blackboard", "#wifi");
    }

    @Test
    void onlyStaffBroadcastAndAReportDuringAnOutageIsLinkedWithItsEta() {
        assertThat(it.tweet("200", SAM, "@ITHelp #outage #wifi is down for me")).isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);
        assertThat(it.desk.outages().active("wifi")).isEmpty();

        assertThat(it.tweet("201", DANA_STAFF, "#outage #wifi Wi-Fi is down in the library. ETA 15:00 UTC"))
                .isEqualTo(TweetIntake.Outcome.ANNOUNCED);
        assertThat(it.desk.outages().active("wifi")).isPresent();
        assertThat(it.desk.outages().recentAnnouncements(10)).singleElement()
                .satisfies(announcement -> assertThat(announcement.kind()).isEqualTo(AnnouncementKind.OUTAGE));

        it.tweet("202", JO, "@ITHelp #wifi no connection");
        Incident linked = it.incident("INC0000002");
        assertThat(linked.outageId()).isEqualTo("OUT0000001");
        assertThat(it.queued("opened:202").text()).contains("OUT0000001", "ETA 15:00 UTC");
    }

    @Test
    void aStaffCommandThatCannotBeAnnouncedIsExplainedOnce() {
        assertThat(it.tweet("201", DANA_STAFF, "#resolved #wifi all good")).isEqualTo(TweetIntake.Outcome.ANNOUNCEMENT_REJECTED);
        assertThat(it.tweet("201", DANA_STAFF, "#resolved #wifi all good")).isEqualTo(TweetIntake.Outcome.ALREADY_HANDLED);
        assertThat(it.queued("rejected:201").text()).contains("no active outage");
        assertThat(it.desk.queued()).hasSize(1);
    }

    @Test
    void aMaintenanceWindowThatIsNoDateGetsAReplyAskingForAValidOneNotARetry() {
        assertThat(it.tweet("301", DANA_STAFF, "#maintenance #vpn upgrade 2030-13-45 22:00-23:30"))
                .isEqualTo(TweetIntake.Outcome.ANNOUNCEMENT_REJECTED);
        assertThat(it.queued("rejected:301").text()).contains("2030-13-45 22:00-23:30 is not a real date and time",
                "like 2025-11-29 22:00-23:30");
        assertThat(it.tweet("302", DANA_STAFF, "#maintenance #vpn upgrade 2030-01-05 25:00-23:30"))
                .isEqualTo(TweetIntake.Outcome.ANNOUNCEMENT_REJECTED);
        assertThat(it.desk.outages().recent(10)).isEmpty();
    }

    @Test
    void aStaffAnnouncementLongerThanOnePostIsRefusedWithTheReason() {
        String longer = "#outage #wifi " + "down across campus, ".repeat(15);
        assertThat(it.tweet("303", DANA_STAFF, longer)).isEqualTo(TweetIntake.Outcome.ANNOUNCEMENT_REJECTED);
        assertThat(it.queued("rejected:303").text()).contains("one post holds 280");
        assertThat(it.desk.outages().active("wifi")).isEmpty();
    }

    @Test
    void repliesInTheThreadJoinTheIncidentAndAStaffLinkResolvesIt() {
        it.tweet("101", JO, "@ITHelp #blackboard I can't open my grades");

        assertThat(it.reply("102", SAM, "@userXX try clearing the cache", "101")).isEqualTo(TweetIntake.Outcome.THREAD_REPLY);
        assertThat(it.reply("103", JO, "@userYY that did not help", "102")).isEqualTo(TweetIntake.Outcome.THREAD_REPLY);
        assertThat(it.reply("104", DANA_STAFF, "@userJO see https://kb.example.edu/42", "103"))
                .isEqualTo(TweetIntake.Outcome.RESOLVED_BY_STAFF);

        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::kind).containsExactly(
                TimelineEntry.Kind.OPENED, TimelineEntry.Kind.COMMUNITY_ANSWER, TimelineEntry.Kind.REPORTER_FOLLOW_UP,
                TimelineEntry.Kind.STAFF_RESPONSE);
        Incident resolved = it.incident("INC0000001");
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolution().source()).isEqualTo(Resolution.Source.STAFF);
        assertThat(resolved.resolution().text()).isEqualTo("https://kb.example.edu/42");
        assertThat(resolved.firstRespondedAt()).isNotNull();
        assertThat(it.queued("resolved:INC0000001").text()).contains("https://kb.example.edu/42");
    }

    @Test
    void anUrgentSecurityReportIsEscalatedAndGetsTheDeskPhone() {
        it.tweet("101", JO, "@ITHelp #email I think my account was hacked");

        assertThat(it.incident("INC0000001").flags()).contains(Incident.FLAG_CALL_DESK);
        assertThat(it.desk.escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.kind()).isEqualTo(Escalation.Kind.IMMEDIATE_ATTENTION);
            assertThat(escalation.incidentNumber()).isEqualTo("INC0000001");
        });
        assertThat(it.queued("opened:101").text()).contains("+1 555 0199");
    }

    @Test
    void manyReportersInAWindowRaiseOnePossibleOutageAlert() {
        for (int i = 0; i < 5; i++) {
            assertThat(it.tweet("30" + i, reporter(i), "@ITHelp #vpn cannot connect")).isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);
            assertThat(it.desk.alerts()).hasSize(i < 2 ? 0 : 1);
            it.clock.advance(Duration.ofSeconds(10));
        }

        assertThat(it.desk.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.service()).isEqualTo("vpn");
            assertThat(alert.reports()).isEqualTo(3);
        });
    }

    @Test
    void oneReporterNeverRaisesThePossibleOutageAlertAlone() {
        for (int i = 0; i < 5; i++) {
            it.tweet("30" + i, JO, "@ITHelp #vpn cannot connect, attempt " + i);
            it.clock.advance(Duration.ofSeconds(10));
        }
        assertThat(it.desk.incidents().byReporter(JO, 10)).hasSize(1);
        assertThat(it.desk.alerts()).isEmpty();
    }

    @Test
    void duplicatesDeliveredSideBySideCountOnceAndTheAlertFiresOnce() throws Exception {
        // Each report arrives three times at once; reporters 0 and 1 also send a second report side by side.
        List<Tweet> deliveries = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (int copy = 0; copy < 3; copy++) {
                deliveries.add(it.tweetOf("50" + i, reporter(i), "@ITHelp #email bounced", null));
            }
        }
        deliveries.add(it.tweetOf("600", reporter(0), "@ITHelp #email and again", null));
        deliveries.add(it.tweetOf("601", reporter(1), "@ITHelp #email still", null));
        java.util.Collections.shuffle(deliveries, new java.util.Random(7));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Intake.Outcome>> outcomes = deliveries.stream().map(tweet -> pool.submit(() -> {
                start.await();
                return it.newInstance().handle(new ActivityBatch(IT, List.of(new InboundEvent.TweetCreated(tweet, false))),
                        new Receipt(it.clock.instant(), 3, false)).get(0);
            })).toList();
            start.countDown();
            for (var outcome : outcomes) {
                outcome.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(it.desk.alerts()).singleElement().satisfies(alert -> assertThat(alert.reports()).isEqualTo(3));
        for (int i = 0; i < 4; i++) {
            assertThat(it.desk.incidents().incidentForTweet("50" + i)).isPresent();
        }
    }

    @Test
    void fortyMentionsFromOneAuthorOpenOneIncidentPerServiceAndNoMoreThanTheDailyAllowance() {
        List<String> services = List.of("wifi", "vpn", "email", "blackboard");
        List<Intake.Outcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            outcomes.add(it.tweet(Long.toString(5000 + i), SAM, "@ITHelp #" + services.get(i % 4) + " spam " + i));
            it.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(outcomes.subList(0, 5)).containsExactly(TweetIntake.Outcome.INCIDENT_OPENED, TweetIntake.Outcome.INCIDENT_OPENED,
                TweetIntake.Outcome.INCIDENT_OPENED, TweetIntake.Outcome.DAILY_LIMIT_SENT, TweetIntake.Outcome.REPORTER_FOLLOW_UP);
        assertThat(outcomes).filteredOn(TweetIntake.Outcome.INCIDENT_OPENED::equals).hasSize(TweetIntake.NEW_INCIDENTS_PER_AUTHOR_PER_DAY);
        assertThat(outcomes).filteredOn(TweetIntake.Outcome.REPORTER_FOLLOW_UP::equals).hasSize(27);
        assertThat(outcomes).filteredOn(TweetIntake.Outcome.DAILY_LIMIT_SKIPPED::equals).hasSize(9);
        assertThat(it.desk.incidents().byReporter(SAM, 100)).extracting(Incident::service).containsExactlyInAnyOrder("wifi", "vpn", "email");
        assertThat(it.desk.queued()).extracting(OutboundMessage::key).containsExactly("opened:5000", "opened:5001", "opened:5002", "limit:5003");
        assertThat(it.queued("limit:5003").channel()).isEqualTo(Channel.PUBLIC_REPLY);
        assertThat(it.queued("limit:5003").text()).contains("3 new problems", "+1 555 0199");
        assertThat(it.desk.incidents().timeline("INC0000001")).filteredOn(entry -> entry.kind() == TimelineEntry.Kind.REPORTER_FOLLOW_UP)
                .hasSize(9).first().satisfies(entry -> assertThat(entry.text()).isEqualTo("@user04: @ITHelp #wifi spam 4"));
        assertThat(it.desk.alerts()).isEmpty();
        // Every one of them was claimed: a redelivery changes nothing.
        for (int i = 0; i < 40; i++) {
            assertThat(it.tweet(Long.toString(5000 + i), SAM, "@ITHelp #" + services.get(i % 4) + " spam " + i))
                    .isEqualTo(TweetIntake.Outcome.ALREADY_HANDLED);
        }
        // A reply to a follow-up joins the incident's thread.
        assertThat(it.reply("5100", JO, "@userSAM same", "5004")).isEqualTo(TweetIntake.Outcome.THREAD_REPLY);

        it.clock.advance(Duration.ofDays(1));
        assertThat(it.tweet("6000", SAM, "@ITHelp #blackboard down")).isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);
    }

    @Test
    void aFollowUpReportWithASecretIsRedactedAndItsAuthorWarned() {
        it.tweet("101", JO, "@ITHelp #email can't sign in");
        assertThat(it.tweet("102", JO, "@ITHelp #email still nothing, password is Hunter2Secret!"))
                .isEqualTo(TweetIntake.Outcome.REPORTER_FOLLOW_UP);

        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::text)
                .noneMatch(text -> text.contains("Hunter2Secret"));
        assertThat(it.queued("secret-warning:102").text()).contains("delete it now");
    }

    @Test
    void anUrgentFollowUpReportFlagsAndEscalatesTheIncidentOnce() {
        it.tweet("101", JO, "@ITHelp #email can't sign in");
        assertThat(it.desk.escalations()).isEmpty();

        assertThat(it.tweet("102", JO, "@ITHelp #email I think my account was hacked")).isEqualTo(TweetIntake.Outcome.REPORTER_FOLLOW_UP);
        assertThat(it.tweet("103", JO, "@ITHelp #email hacked, it is sending spam")).isEqualTo(TweetIntake.Outcome.REPORTER_FOLLOW_UP);

        assertThat(it.incident("INC0000001").flags()).contains(Incident.FLAG_CALL_DESK);
        assertThat(it.desk.escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.kind()).isEqualTo(Escalation.Kind.IMMEDIATE_ATTENTION);
            assertThat(escalation.text()).contains("INC0000001", "call the reporter back");
        });
    }

    @Test
    void staffReportingForCallersAreNeitherLimitedNorFoldedIntoOneIncident() {
        for (int i = 0; i < 5; i++) {
            assertThat(it.tweet("70" + i, DANA_STAFF, "@ITHelp #" + List.of("wifi", "vpn", "email", "blackboard", "wifi").get(i)
                    + " for a caller")).isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);
        }
    }

    private static String reporter(int i) {
        return "17000000000000001" + i;
    }

    @Test
    void anAuthorTheAccountHasBlockedIsIgnored() {
        Tweet tweet = it.tweetOf("101", JO, "@ITHelp #wifi down", null);
        assertThat(it.handle(new InboundEvent.TweetCreated(tweet, true))).isEqualTo(TweetIntake.Outcome.IGNORED_BLOCKED);

        // Without X's word (an Activity API or recovered post), the desk's record of the account's blocks decides.
        Instant now = it.clock.instant();
        assertThat(it.handle(new InboundEvent.BlockChanged(IT, SAM, true, now))).isEqualTo(Intake.EventOutcome.BLOCK_RECORDED);
        assertThat(it.tweet("102", SAM, "@ITHelp #wifi down here too")).isEqualTo(TweetIntake.Outcome.IGNORED_BLOCKED);
        assertThat(it.handle(new InboundEvent.BlockChanged(IT, SAM, false, now.plusSeconds(1))))
                .isEqualTo(Intake.EventOutcome.BLOCK_RECORDED);
        assertThat(it.tweet("103", SAM, "@ITHelp #wifi still down")).isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);

        assertThat(it.desk.incidents().find("INC0000002")).isEmpty();
        assertThat(it.desk.queued()).extracting(OutboundMessage::key).containsExactly("opened:103");
    }

    @Test
    void aUserWhoBlocksTheAccountIsRecordedApartFromTheAccountsBlocksAndStillHeard() {
        Instant now = it.clock.instant();
        // Account Activity delivers blocks of the account: source the user, target the account.
        assertThat(it.handle(new InboundEvent.BlockChanged(SAM, IT, true, now))).isEqualTo(Intake.EventOutcome.BLOCK_RECORDED);
        assertThat(it.handle(new InboundEvent.BlockChanged(SAM, IT, true, now))).isEqualTo(Intake.EventOutcome.ALREADY_HANDLED);
        assertThat(it.desk.blockedBy(SAM)).isTrue();
        assertThat(it.desk.blocks(SAM)).isFalse();
        assertThat(it.desk.audience().blocksAccount(SAM)).isTrue();
        // What they tweet is still a report (the account has not blocked them); only sending is held back.
        assertThat(it.tweet("101", SAM, "@ITHelp #wifi down")).isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);

        // The account blocking them too, then either unblock, leaves the other block in place.
        assertThat(it.handle(new InboundEvent.BlockChanged(IT, SAM, true, now))).isEqualTo(Intake.EventOutcome.BLOCK_RECORDED);
        assertThat(it.handle(new InboundEvent.BlockChanged(IT, SAM, false, now.plusSeconds(1))))
                .isEqualTo(Intake.EventOutcome.BLOCK_RECORDED);
        assertThat(it.desk.blockedBy(SAM)).isTrue();
        assertThat(it.handle(new InboundEvent.BlockChanged(SAM, IT, false, now.plusSeconds(2))))
                .isEqualTo(Intake.EventOutcome.BLOCK_RECORDED);
        assertThat(it.desk.blockedBy(SAM)).isFalse();
        assertThat(it.desk.blocks(SAM)).isFalse();
    }

    @Test
    void eventsOlderThanTheReplayWindowAreIgnoredAndTheAccountsBlocksAreRecorded() {
        Tweet old = it.tweetOf("101", JO, "@ITHelp #wifi down", null);
        it.clock.advance(Intake.MAX_EVENT_AGE.plusMinutes(1));
        assertThat(it.handle(new InboundEvent.TweetCreated(old, false))).isEqualTo(Intake.EventOutcome.IGNORED_STALE);

        Instant now = it.clock.instant();
        assertThat(it.handle(new InboundEvent.BlockChanged(IT, JO, true, now))).isEqualTo(Intake.EventOutcome.BLOCK_RECORDED);
        assertThat(it.handle(new InboundEvent.BlockChanged(IT, JO, true, now))).isEqualTo(Intake.EventOutcome.ALREADY_HANDLED);
        // A block between two other users is not the desk's to record.
        assertThat(it.handle(new InboundEvent.BlockChanged(SAM, JO, true, now))).isEqualTo(Intake.EventOutcome.IGNORED_OTHER);
        assertThat(it.desk.blocks(JO)).isTrue();
        assertThat(it.desk.blockedBy(JO)).isFalse();
        assertThat(it.desk.blocks(SAM)).isFalse();
        assertThat(it.desk.queued()).isEmpty();
        assertThat(it.desk.incidents().find("INC0000001")).isEmpty();
    }

    @Test
    void anEventRecoveredFromXsReadsIsTrustedFurtherBackThanAWebhookBody() {
        Tweet old = it.tweetOf("101", JO, "@ITHelp #wifi down", null);
        it.clock.advance(Duration.ofDays(3));

        assertThat(it.handle(new InboundEvent.TweetCreated(old, null), Receipt.webhook(it.clock.instant())))
                .isEqualTo(Intake.EventOutcome.IGNORED_STALE);
        assertThat(it.handle(new InboundEvent.TweetCreated(old, null), Receipt.recovered(it.clock.instant())))
                .isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);
        Tweet older = it.tweetOf("102", SAM, "@ITHelp #vpn down", null);
        it.clock.advance(Intake.MAX_RECOVERED_AGE.plusMinutes(1));
        assertThat(it.handle(new InboundEvent.TweetCreated(older, null), Receipt.recovered(it.clock.instant())))
                .isEqualTo(Intake.EventOutcome.IGNORED_STALE);
    }

    @Test
    void aDeletedTweetsTextLeavesTheIncidentAndItsTimelineAndTheIncidentStays() {
        it.tweet("101", JO, "@ITHelp #blackboard grades page broken, student id 12345");
        it.reply("102", SAM, "@jo_student try clearing the cache", "101");

        assertThat(it.handle(new InboundEvent.TweetDeleted("101", JO, it.clock.instant()))).isEqualTo(TweetIntake.Outcome.TWEET_ERASED);
        assertThat(it.handle(new InboundEvent.TweetDeleted("102", SAM, it.clock.instant()))).isEqualTo(TweetIntake.Outcome.TWEET_ERASED);
        assertThat(it.handle(new InboundEvent.TweetDeleted("102", SAM, it.clock.instant()))).isEqualTo(TweetIntake.Outcome.ALREADY_HANDLED);

        Incident incident = it.incident("INC0000001");
        assertThat(incident.description()).isEqualTo(TweetIntake.DELETED_TEXT);
        assertThat(incident.state()).isEqualTo(IncidentState.NEW);
        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::text)
                .noneMatch(text -> text != null && (text.contains("grades") || text.contains("cache")))
                .contains(TweetIntake.DELETED_TEXT);
        assertThat(it.desk.incidents().timeline("INC0000001")).extracting(TimelineEntry::id)
                .contains("deleted:101", "deleted:102");
    }

    @Test
    void aDeletionThatComesBeforeItsTweetKeepsTheTweetOut() {
        assertThat(it.handle(new InboundEvent.TweetDeleted("101", JO, it.clock.instant()))).isEqualTo(TweetIntake.Outcome.NOTHING_TO_ERASE);
        assertThat(it.tweet("101", JO, "@ITHelp #blackboard grades page broken")).isEqualTo(TweetIntake.Outcome.ALREADY_HANDLED);
        assertThat(it.desk.incidents().find("INC0000001")).isEmpty();
        assertThat(it.desk.queued()).isEmpty();
    }

    @Test
    void theAccountRevokingTheAppAlarmsOnCallOnce() {
        Instant at = it.clock.instant();
        assertThat(it.handle(new InboundEvent.AccessRevoked(IT, "29820954", at))).isEqualTo(Intake.EventOutcome.REVOCATION_ALARMED);
        assertThat(it.handle(new InboundEvent.AccessRevoked(IT, "29820954", at))).isEqualTo(Intake.EventOutcome.ALREADY_HANDLED);
        assertThat(it.handle(new InboundEvent.AccessRevoked(JO, "29820954", at))).isEqualTo(Intake.EventOutcome.IGNORED_OTHER);

        assertThat(it.desk.escalations()).singleElement().satisfies(alarm -> {
            assertThat(alarm.kind()).isEqualTo(Escalation.Kind.X_ACCESS_REVOKED);
            assertThat(alarm.text()).contains("go-live");
        });
    }

    @Test
    void staffAndRepliesNeverGetTheHashtagHelp() {
        assertThat(it.tweet("101", DANA_STAFF, "@ITHelp lunch at noon?")).isEqualTo(TweetIntake.Outcome.IGNORED_STAFF);
        it.tweet("102", SAM, "@ITHelp #wifi is it down?");
        // A reply to a tweet the desk never took in: it waits while it may, then is judged on its own.
        assertThat(it.handle(new InboundEvent.TweetCreated(it.tweetOf("103", JO, "@sam @ITHelp same here", "999"), null),
                Receipt.webhook(it.clock.instant()))).isEqualTo(TweetIntake.Outcome.AWAITING_PARENT);
        assertThat(it.reply("103", JO, "@sam @ITHelp same here", "999")).isEqualTo(TweetIntake.Outcome.IGNORED_REPLY);
        assertThat(it.reply("103", JO, "@sam @ITHelp same here", "999")).isEqualTo(TweetIntake.Outcome.ALREADY_HANDLED);

        assertThat(it.desk.queued()).extracting(OutboundMessage::channel).doesNotContain(Channel.PUBLIC_REPLY);
    }

    @Test
    void aReplyWhoseParentWasNeverSeenOpensAnIncidentOnceTheWaitIsOver() {
        Tweet reply = it.tweetOf("103", JO, "@bob @ITHelp #vpn down for me too", "999");
        for (int waits = 0; waits < 3; waits++) {
            assertThat(it.handle(new InboundEvent.TweetCreated(reply, null), new Receipt(it.clock.instant(), waits, false)))
                    .isEqualTo(TweetIntake.Outcome.AWAITING_PARENT);
        }
        assertThat(it.handle(new InboundEvent.TweetCreated(reply, null), new Receipt(it.clock.instant(), 3, false)))
                .isEqualTo(TweetIntake.Outcome.INCIDENT_OPENED);
        assertThat(it.intake.waitBefore(new Receipt(it.clock.instant(), 0, false))).isEqualTo(Duration.ofSeconds(30));
        assertThat(it.intake.waitBefore(new Receipt(it.clock.instant(), 2, false))).isEqualTo(Duration.ofMinutes(2));
        assertThat(it.intake.waitBefore(new Receipt(it.clock.instant(), 9, false))).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aReplyToTheAccountsOwnTweetFindsItsParent() {
        it.tweet("101", JO, "@ITHelp #wifi down");
        assertThat(it.reply("201", IT, "@jo_student we are on it", "101")).isEqualTo(TweetIntake.Outcome.IGNORED_OWN);

        assertThat(it.handle(new InboundEvent.TweetCreated(it.tweetOf("102", JO, "@ITHelp thanks, still down", "201"), null),
                Receipt.webhook(it.clock.instant()))).isEqualTo(TweetIntake.Outcome.THREAD_REPLY);
    }
}
