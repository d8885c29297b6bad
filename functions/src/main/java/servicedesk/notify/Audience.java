package servicedesk.notify;

import java.time.LocalDate;

/** The desk's manners towards the people it writes to. */
public interface Audience {

    /** True while the user blocks the IT account: nothing at all is sent to them. */
    boolean blocksUs(String userId);

    /** Counts one more unsolicited message to the user on {@code day}; false once the day's allowance is used. */
    boolean takeUnsolicited(String userId, LocalDate day);
}
