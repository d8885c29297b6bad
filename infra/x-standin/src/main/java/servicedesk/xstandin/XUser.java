package servicedesk.xstandin;

/** An X account the stand-in knows: the IT account, or a user who acted through the stand-in. */
public record XUser(String id, String username, String name) {
}
