package servicedesk.notify;

/** The on-call channel, as the sender uses it: one notice per pause of all sending. */
public interface OnCall {

    /** Tells on-call, once for this pause (a repeat for the same pause tells nothing new). */
    void sendingPaused(Pause pause);
}
