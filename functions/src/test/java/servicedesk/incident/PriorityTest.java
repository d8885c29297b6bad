package servicedesk.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import servicedesk.catalog.Service;
import servicedesk.intake.Triage;

class PriorityTest {

    @Test
    void followsTheItilMatrix() {
        assertThat(Priority.of(Level.HIGH, Level.HIGH)).isEqualTo(Priority.P1);
        assertThat(Priority.of(Level.HIGH, Level.MEDIUM)).isEqualTo(Priority.P2);
        assertThat(Priority.of(Level.MEDIUM, Level.HIGH)).isEqualTo(Priority.P2);
        assertThat(Priority.of(Level.MEDIUM, Level.MEDIUM)).isEqualTo(Priority.P3);
        assertThat(Priority.of(Level.LOW, Level.HIGH)).isEqualTo(Priority.P3);
        assertThat(Priority.of(Level.MEDIUM, Level.LOW)).isEqualTo(Priority.P4);
        assertThat(Priority.of(Level.LOW, Level.LOW)).isEqualTo(Priority.P5);
    }

    @Test
    void readsResponseTargets() {
        ResponseTargets targets = ResponseTargets.parse(ResponseTargets.DEFAULTS);
        assertThat(targets.forPriority(Priority.P1).firstResponse()).isEqualTo(Duration.ofMinutes(15));
        assertThat(targets.forPriority(Priority.P1).resolution()).isEqualTo(Duration.ofHours(4));
        assertThat(targets.forPriority(Priority.P5).resolution()).isEqualTo(Duration.ofDays(10));
        assertThatThrownBy(() -> ResponseTargets.parse("P1=15m/4h")).hasMessageContaining("lack P2");
        assertThatThrownBy(() -> ResponseTargets.parse("P1=15m")).hasMessageContaining("P1=15m/4h");
    }

    @Test
    void triagesUrgencyImpactAndCallsToTheDesk() {
        Triage triage = new Triage();
        Service blackboard = new Service("blackboard", "Blackboard Learn", Level.MEDIUM);
        Triage.Assessment grades = triage.assess(blackboard, "@ITHelp #blackboard I can't open my grades, page just spins");
        assertThat(grades.priority()).isEqualTo(Priority.P3);
        assertThat(grades.callDesk()).isFalse();
        assertThat(triage.assess(blackboard, "#blackboard the colours look odd").priority()).isEqualTo(Priority.P4);
        Triage.Assessment exam = triage.assess(blackboard, "#blackboard down for everyone, exam in 10 minutes");
        assertThat(exam.priority()).isEqualTo(Priority.P1);
        assertThat(exam.callDesk()).isTrue();
        Triage.Assessment lost = triage.assess(blackboard, "quiz submission failed & lost my answers");
        assertThat(lost.callDesk()).isTrue();
        assertThat(lost.priority()).isEqualTo(Priority.P2);
        assertThat(triage.assess(blackboard, "I think my account was hacked").callDesk()).isTrue();
    }

    @Test
    void allowsOnlyItilStateMoves() {
        assertThat(IncidentState.NEW.canMoveTo(IncidentState.IN_PROGRESS)).isTrue();
        assertThat(IncidentState.RESOLVED.canMoveTo(IncidentState.CLOSED)).isTrue();
        assertThat(IncidentState.CLOSED.canMoveTo(IncidentState.IN_PROGRESS)).isFalse();
        assertThat(IncidentState.NEW.canMoveTo(IncidentState.CLOSED)).isFalse();
        assertThat(IncidentState.parse("in progress")).isEqualTo(IncidentState.IN_PROGRESS);
        assertThat(IncidentState.parse("ON_HOLD")).isEqualTo(IncidentState.ON_HOLD);
    }
}
