package servicedesk.xstandin;

import java.time.Instant;

/**
 * The desk sent the same thing twice: the same DM text to the same user (X delivers both), or the same post
 * text again (X refuses it as duplicate content). Tests assert there are none.
 */
public record Duplicate(Kind kind, String target, String text, Instant first, Instant again) {
    public enum Kind { DM, POST }
}
