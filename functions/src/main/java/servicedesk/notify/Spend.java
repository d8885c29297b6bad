package servicedesk.notify;

import java.time.LocalDate;
import java.util.List;

/** The desk's estimate of what it spends on X, kept per UTC day and per incident (micro-dollars). */
public interface Spend {

    /** What one request cost: on {@code day}, for {@code incidentNumber} (or null), of {@code kind}. */
    void add(LocalDate day, String incidentNumber, long micros, Kind kind);

    /** Spent so far on {@code day}. */
    long on(LocalDate day);

    List<Day> days(LocalDate from, LocalDate to);

    /** Each incident's spend, for those that cost anything. */
    List<Incident> incidents();

    enum Kind { DIRECT_MESSAGE, REPLY, POST, READ }

    record Day(LocalDate day, long micros, int directMessages, int replies, int posts, int reads) {
    }

    record Incident(String number, long micros) {
    }
}
