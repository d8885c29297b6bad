package servicedesk.incident;

import java.time.Instant;

/**
 * Something the on-call person must look at now; published to the on-call topic. {@code incidentNumber},
 * {@code priority} and {@code service} are null for what concerns the whole desk (sending paused).
 */
public record Escalation(String id, Kind kind, String incidentNumber, String priority, String service, String text,
                         Instant at) {

    public enum Kind {
        /** Security, account compromise, data loss or priority 1: someone should call the reporter back. */
        IMMEDIATE_ATTENTION,
        FIRST_RESPONSE_BREACHED,
        RESOLUTION_BREACHED,
        /** The IT account revoked the desk's X app, or its subscription is gone: the desk hears nothing more. */
        X_ACCESS_REVOKED,
        /** X has no valid webhook for the desk, or the IT account is not subscribed to it: nothing is delivered. */
        X_WEBHOOK_UNHEALTHY,
        /** The daily check for posts deleted on X is refused or stalled: deleted posts' text may stay stored. */
        X_DELETION_CHECK_FAILING,
        /** X refuses the account itself (credentials, credits, access, a usage cap): nothing can be sent. */
        SENDING_PAUSED
    }
}
