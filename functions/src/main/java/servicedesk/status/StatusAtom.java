package servicedesk.status;

import java.time.Instant;
import servicedesk.format.WebLink;
import servicedesk.outage.Announcement;

/** The announcements as an Atom feed (RFC 4287): one entry per announcement, newest first. */
public final class StatusAtom {
    private StatusAtom() {
    }

    public static String render(StatusBoard board, String deskName, String baseUrl) {
        Instant updated = board.feed().isEmpty() ? board.generatedAt() : board.feed().get(0).at();
        StringBuilder xml = new StringBuilder(4_096)
                .append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
                .append("<id>").append(Markup.escape(baseUrl)).append("/status.atom</id>")
                .append("<title>").append(Markup.escape(deskName)).append(" announcements</title>")
                .append("<updated>").append(updated).append("</updated>")
                .append("<author><name>").append(Markup.escape(deskName)).append("</name></author>")
                .append("<link rel=\"self\" type=\"application/atom+xml\" href=\"").append(Markup.escape(baseUrl)).append("/status.atom\"/>")
                .append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(Markup.escape(baseUrl)).append("/status\"/>");
        for (Announcement announcement : board.feed()) {
            xml.append("<entry><id>urn:servicedesk:announcement:").append(Markup.escape(announcement.id())).append("</id>")
                    .append("<title>").append(Markup.escape(title(announcement))).append("</title>")
                    .append("<updated>").append(announcement.at()).append("</updated>")
                    .append("<category term=\"").append(announcement.kind().hashtag()).append("\"/>")
                    .append("<category term=\"").append(Markup.escape(announcement.service())).append("\"/>")
                    .append("<link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(Markup.escape(WebLink.isSafe(announcement.link()) ? announcement.link() : baseUrl + "/status")).append("\"/>")
                    .append("<content type=\"text\">").append(Markup.escape(announcement.text())).append("</content></entry>");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String title(Announcement announcement) {
        String what = switch (announcement.kind()) {
            case OUTAGE -> "Outage";
            case UPDATE -> "Update";
            case RESOLVED -> "Resolved";
            case MAINTENANCE -> "Planned maintenance";
            case KB -> "Knowledge article";
        };
        return what + ": " + announcement.serviceName();
    }
}
