package servicedesk.xstandin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The stand-in's X: accounts, posts, DMs, blocks and DM settings. Ids are X snowflakes made from X time
 * (milliseconds since X's epoch, shifted 22 bits), so they grow with time as {@code since_id} assumes.
 * Every method is synchronized on this object.
 */
final class World {
    /** X's snowflake epoch (2010-11-04T01:42:54.657Z). */
    private static final long SNOWFLAKE_EPOCH = 1288834974657L;

    private final String accountId;
    private final boolean dmsOpenByDefault;
    private final Map<String, XUser> users = new HashMap<>();
    private final Map<String, String> idByHandle = new HashMap<>();
    private final NavigableMap<Long, Post> posts = new TreeMap<>();
    private final Set<String> deleted = new HashSet<>();
    private final NavigableMap<Long, DmEvent> dms = new TreeMap<>();
    /** Users the IT account has blocked. */
    private final Set<String> blockedByAccount = new HashSet<>();
    /** Users who have blocked the IT account. */
    private final Set<String> blockingAccount = new HashSet<>();
    private final Map<String, Boolean> acceptsDms = new HashMap<>();
    private long lastId;
    private long links;

    World(XUser account, boolean dmsOpenByDefault) {
        this.accountId = account.id();
        this.dmsOpenByDefault = dmsOpenByDefault;
        know(account);
    }

    synchronized String nextId(Instant at) {
        long id = ((at.toEpochMilli() - SNOWFLAKE_EPOCH) << 22);
        lastId = Math.max(id, lastId + 1);
        return Long.toString(lastId);
    }

    /** Learns an account; a handle seen again with a new id moves to it. */
    synchronized XUser know(XUser user) {
        XUser known = users.get(user.id());
        if (known != null && known.username().equals(user.username())) {
            return known;
        }
        if (known != null) {
            idByHandle.remove(known.username().toLowerCase(Locale.ROOT));
        }
        users.put(user.id(), user);
        idByHandle.put(user.username().toLowerCase(Locale.ROOT), user.id());
        return user;
    }

    synchronized XUser user(String id) {
        return users.get(id);
    }

    /** A user the stand-in has not seen is shown with a made-up handle (X knows every account; we do not). */
    synchronized XUser userOrPlaceholder(String id) {
        XUser user = users.get(id);
        return user != null ? user : new XUser(id, "user" + id.substring(Math.max(0, id.length() - 6)), "user" + id);
    }

    synchronized String idOfHandle(String handle) {
        return idByHandle.get(handle.toLowerCase(Locale.ROOT));
    }

    /** Stores a post: links shortened to t.co, entities found, the thread's conversation id taken from the parent. */
    synchronized Post createPost(String authorId, String original, String inReplyToId, String quotedId,
                                 Instant at, boolean viaApi) {
        String id = nextId(at);
        Text.Shortened shortened = Text.shorten(original, this::nextShortLink);
        Entities entities = Text.entities(shortened.text(), shortened.links(), this::idOfHandle);
        Post parent = inReplyToId == null ? null : posts.get(idValue(inReplyToId));
        Post post = new Post(id, authorId, shortened.text(), original, at,
                inReplyToId, parent == null ? null : parent.authorId(), quotedId,
                parent == null ? id : parent.conversationId(), entities, viaApi);
        posts.put(Long.parseLong(id), post);
        return post;
    }

    private String nextShortLink() {
        String code = Long.toString(36L * 36 * 36 * 36 * 36 * 36 + (++links) * 7919, 36);
        String padded = ("0000000000" + code).substring(code.length());
        return "https://t.co/" + padded;
    }

    synchronized Post post(String id) {
        if (id == null || !id.matches("[0-9]{1,19}")) {
            return null;
        }
        return posts.get(idValue(id));
    }

    /** An id's numeric value; ids past Long.MAX_VALUE (19 digits allow it) sort as the largest. */
    static long idValue(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    /** A post that exists and is not deleted. */
    synchronized Post livePost(String id) {
        Post post = post(id);
        return post == null || deleted.contains(post.id()) ? null : post;
    }

    synchronized boolean isDeleted(String id) {
        return deleted.contains(id);
    }

    synchronized Post delete(String id) {
        Post post = livePost(id);
        if (post != null) {
            deleted.add(id);
        }
        return post;
    }

    /** Live posts matching {@code filter}, newest first. */
    synchronized List<Post> posts(Predicate<Post> filter) {
        List<Post> out = new ArrayList<>();
        for (Post post : posts.descendingMap().values()) {
            if (!deleted.contains(post.id()) && filter.test(post)) {
                out.add(post);
            }
        }
        return out;
    }

    /** Every post the IT account made through the API, oldest first, deleted ones included. */
    synchronized List<Post> postsViaApi() {
        List<Post> out = new ArrayList<>();
        for (Post post : posts.values()) {
            if (post.viaApi()) {
                out.add(post);
            }
        }
        return out;
    }

    synchronized DmEvent createDm(String senderId, String recipientId, String text, Instant at, boolean viaApi) {
        String id = nextId(at);
        DmEvent dm = new DmEvent(id, conversationId(senderId, recipientId), senderId, recipientId, text, at, viaApi);
        dms.put(Long.parseLong(id), dm);
        return dm;
    }

    /** DLI: a one-to-one conversation's id is "{smaller id}-{larger id}". */
    static String conversationId(String a, String b) {
        boolean aFirst = a.length() != b.length() ? a.length() < b.length() : a.compareTo(b) <= 0;
        return aFirst ? a + "-" + b : b + "-" + a;
    }

    /** DM events matching {@code filter}, newest first. */
    synchronized List<DmEvent> dms(Predicate<DmEvent> filter) {
        List<DmEvent> out = new ArrayList<>();
        for (DmEvent dm : dms.descendingMap().values()) {
            if (filter.test(dm)) {
                out.add(dm);
            }
        }
        return out;
    }

    synchronized void setAccountBlocks(String userId, boolean blocked) {
        if (blocked) {
            blockedByAccount.add(userId);
        } else {
            blockedByAccount.remove(userId);
        }
    }

    synchronized void setBlocksAccount(String userId, boolean blocked) {
        if (blocked) {
            blockingAccount.add(userId);
        } else {
            blockingAccount.remove(userId);
        }
    }

    synchronized boolean accountBlocks(String userId) {
        return blockedByAccount.contains(userId);
    }

    synchronized boolean blocksAccount(String userId) {
        return blockingAccount.contains(userId);
    }

    synchronized void setAcceptsDms(String userId, boolean accepts) {
        acceptsDms.put(userId, accepts);
    }

    synchronized boolean acceptsDms(String userId) {
        return acceptsDms.getOrDefault(userId, dmsOpenByDefault);
    }

    String accountId() {
        return accountId;
    }
}
