package servicedesk.notify;

import java.time.Instant;
import java.time.LocalDate;

/** The desk's manners towards the people it writes to. */
public interface Audience {

    /**
     * True while the IT account has blocked the user (X delivers the account's own blocks): nothing at all is
     * sent to them and what they tweet is ignored. Blocks are written through the unit of work
     * ({@code Change.SetBlocked}); this is the read a sender makes at the last moment, and intake makes when X
     * did not say.
     */
    boolean isBlocked(String userId);

    /**
     * True while the user has blocked the IT account (Account Activity delivers blocks "of user" too): X would
     * refuse every DM and reply to them, so nothing is sent. What they tweet is still read.
     */
    boolean blocksAccount(String userId);

    /**
     * Counts one more unsolicited message to the user on {@code day}; false once the day's allowance is used.
     * Outside any unit of work: it is counted the moment a sender is about to send, by one conditional add.
     */
    boolean takeUnsolicited(String userId, LocalDate day);

    /** False while the desk remembers that X refused a DM to the user (their DM settings, or a block). */
    boolean acceptsDms(String userId, Instant now);

    /** Remembers until {@code until} that the user does not accept the account's DMs. */
    void dmsRefused(String userId, Instant until);
}
