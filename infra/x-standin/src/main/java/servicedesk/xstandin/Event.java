package servicedesk.xstandin;

import java.time.Instant;

/** Something that happened on the stand-in's X, which X then delivers to subscribed webhooks. */
sealed interface Event permits Event.PostCreated, Event.PostDeleted, Event.DmCreated, Event.BlockChanged, Event.AppRevoked {
    Instant at();

    record PostCreated(Post post) implements Event {
        @Override
        public Instant at() {
            return post.createdAt();
        }
    }

    record PostDeleted(Post post, Instant at) implements Event {
    }

    record DmCreated(DmEvent dm) implements Event {
        @Override
        public Instant at() {
            return dm.createdAt();
        }
    }

    /** {@code sourceId} blocked (or unblocked) {@code targetId}. */
    record BlockChanged(String sourceId, String targetId, boolean blocked, Instant at) implements Event {
    }

    /** {@code userId} revoked the app's access. */
    record AppRevoked(String userId, Instant at) implements Event {
    }
}
