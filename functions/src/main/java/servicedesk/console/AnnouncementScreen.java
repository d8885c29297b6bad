package servicedesk.console;

import static servicedesk.console.Html.escape;
import static servicedesk.console.Html.when;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import servicedesk.broadcast.AnnouncementDraft;
import servicedesk.broadcast.AnnouncementText;
import servicedesk.broadcast.BroadcastWording;
import servicedesk.broadcast.PostLength;
import servicedesk.catalog.Service;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.incident.Incident;
import servicedesk.incident.IncidentPage;
import servicedesk.incident.IncidentQuery;
import servicedesk.incident.IncidentStore;
import servicedesk.outage.Announcement;
import servicedesk.outage.AnnouncementKind;
import servicedesk.outage.Outage;
import servicedesk.outage.OutageStatus;
import servicedesk.outage.OutageStore;

/**
 * Outages and announcements: the active ones with forms to update and resolve them, a form to declare an
 * outage, schedule maintenance or share a knowledge article, and a preview of exactly what goes out: the
 * post on the IT account's timeline and the DM to each affected reporter, with their lengths against X's limits.
 */
final class AnnouncementScreen {
    private final ServiceCatalog catalog;
    private final OutageStore outages;
    private final IncidentStore incidents;

    AnnouncementScreen(ServiceCatalog catalog, OutageStore outages, IncidentStore incidents) {
        this.catalog = catalog;
        this.outages = outages;
        this.incidents = incidents;
    }

    /** The draft a form describes; throws IllegalArgumentException for a field that cannot be read. */
    static AnnouncementDraft draft(Map<String, String> form, String author) {
        AnnouncementKind kind = AnnouncementKind.parse(form.getOrDefault("kind", "outage"));
        String text = form.getOrDefault("text", "").strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Write what to announce");
        }
        String link = blankToNull(form.get("link"));
        if (link != null && !IncidentScreen.safeLink(link)) {
            throw new IllegalArgumentException("A link starts with https:// or http://");
        }
        return AnnouncementText.fromApi(kind, blankToNull(form.get("service")), text, blankToNull(form.get("eta")),
                instant(form.get("windowStart"), "start"), instant(form.get("windowEnd"), "end"), link, author);
    }

    String page(Session session, Instant now, Map<String, String> kept, String preview, String done, String problem) {
        StringBuilder html = new StringBuilder(8_192).append("<h1>Outages and announcements</h1>");
        if (problem != null) {
            html.append("<p class=\"banner bad\" role=\"alert\" id=\"problem\">").append(escape(problem)).append("</p>");
        } else if (done != null) {
            html.append("<p class=\"banner ok\" role=\"status\" id=\"done\">").append(escape(done)).append("</p>");
        }
        List<Outage> recent = outages.recent(30);
        List<Outage> active = recent.stream().filter(outage -> !outage.statusAt(now).isOver()).toList();
        html.append("<section aria-labelledby=\"active\"><h2 id=\"active\">Active</h2>");
        if (active.isEmpty()) {
            html.append("<p class=\"muted\">No active outage or maintenance.</p>");
        }
        for (Outage outage : active) {
            OutageStatus status = outage.statusAt(now);
            html.append("<article class=\"outage\" aria-labelledby=\"").append(escape(outage.id())).append("\"><h3 id=\"")
                    .append(escape(outage.id())).append("\">").append(escape(outage.serviceName())).append(": ")
                    .append(status.label()).append(" <span class=\"muted\">").append(escape(outage.id())).append("</span></h3><p>")
                    .append(escape(outage.title())).append("</p><p class=\"muted\">Since ").append(when(outage.startedAt()));
            if (outage.eta() != null) {
                html.append(" · ETA ").append(escape(outage.eta()));
            }
            if (outage.windowStart() != null) {
                html.append(" · window ").append(when(outage.windowStart())).append(" to ").append(when(outage.windowEnd()));
            }
            html.append("</p>");
            quickForm(html, session, outage, "update", "Post an update", "Update text (say identified or monitoring to move it on)");
            quickForm(html, session, outage, "resolved", "Resolve", "What fixed it (reporters of linked incidents are told)");
            html.append("</article>");
        }
        html.append("</section>");

        html.append("<section aria-labelledby=\"announce\"><h2 id=\"announce\">Announce</h2>")
                .append("<form id=\"announce-form\" class=\"action\" method=\"post\" action=\"/console/announcements\" ")
                .append("data-preview-url=\"/console/announcements/preview\">").append(Html.csrfField(session))
                .append("<input type=\"hidden\" name=\"request\" value=\"").append(UUID.randomUUID()).append("\">")
                .append("<p><label for=\"kind\">What</label><select id=\"kind\" name=\"kind\">");
        for (String[] kind : List.of(new String[]{"outage", "Outage"}, new String[]{"maintenance", "Planned maintenance"},
                new String[]{"kb", "Knowledge article"}, new String[]{"update", "Update"}, new String[]{"resolved", "Resolved"})) {
            html.append("<option value=\"").append(kind[0]).append('"')
                    .append(kind[0].equals(kept.getOrDefault("kind", "outage")) ? " selected" : "").append('>')
                    .append(kind[1]).append("</option>");
        }
        html.append("</select></p><p><label for=\"service\">Service</label><select id=\"service\" name=\"service\">");
        for (Service service : catalog.all()) {
            html.append("<option value=\"").append(escape(service.hashtag())).append('"')
                    .append(service.hashtag().equals(kept.get("service")) ? " selected" : "").append('>')
                    .append(escape(service.name())).append(" (#").append(escape(service.hashtag())).append(")</option>");
        }
        html.append("</select></p>");
        field(html, kept, "text", "Text", "textarea");
        field(html, kept, "eta", "ETA (optional, e.g. 15:00 UTC)", "text");
        field(html, kept, "windowStart", "Maintenance from (UTC)", "datetime-local");
        field(html, kept, "windowEnd", "Maintenance until (UTC)", "datetime-local");
        field(html, kept, "link", "Link (knowledge article, optional)", "url");
        html.append("<p class=\"buttons\"><button type=\"submit\" name=\"step\" value=\"preview\">Preview</button> ")
                .append("<button type=\"submit\" name=\"step\" value=\"post\">Post it</button></p></form>")
                .append("<section id=\"preview\" aria-labelledby=\"preview-title\" aria-live=\"polite\">")
                .append(preview == null ? "<h3 id=\"preview-title\">Preview</h3><p class=\"muted\">Preview shows the exact post and DM.</p>" : preview)
                .append("</section></section>");

        List<Outage> over = recent.stream().filter(outage -> outage.statusAt(now).isOver()).limit(10).toList();
        if (!over.isEmpty()) {
            html.append("<section aria-labelledby=\"past\"><h2 id=\"past\">Recently over</h2><ul class=\"entries\">");
            over.forEach(outage -> html.append("<li>").append(escape(outage.serviceName())).append(": ")
                    .append(outage.statusAt(now).label()).append(' ').append(when(outage.resolvedAt() != null ? outage.resolvedAt()
                            : outage.updatedAt())).append(" <span class=\"muted\">").append(escape(outage.id())).append("</span></li>"));
            html.append("</ul></section>");
        }
        return html.toString();
    }

    /** The exact post and DM the draft would send, with their lengths as X counts them. */
    String preview(AnnouncementDraft draft, Instant now) {
        StringBuilder html = new StringBuilder(2_048).append("<h3 id=\"preview-title\">Preview</h3>");
        Optional<Service> service = draft.service() == null ? Optional.empty() : catalog.find(draft.service());
        if (service.isEmpty()) {
            return html.append("<p class=\"bad\">Choose a service from the catalog.</p>").toString();
        }
        Optional<Outage> active = outages.active(service.get().hashtag());
        String outageId = active.map(Outage::id).orElse("OUT (new)");
        Announcement announcement = new Announcement("preview", draft.kind(), service.get().hashtag(), service.get().name(),
                draft.text(), draft.kind() == AnnouncementKind.KB ? null : outageId, null, draft.eta(), draft.windowStart(),
                draft.windowEnd(), draft.link(), draft.authorId(), null, now);
        String post = BroadcastWording.timelinePost(announcement);
        int postLength = PostLength.of(post);
        html.append("<h4>Post on the IT account's timeline</h4><blockquote class=\"post\" id=\"preview-post\">")
                .append(escape(post)).append("</blockquote>");
        length(html, "preview-post-length", postLength, PostLength.LIMIT, "weighted characters (links count 23)");
        if (!post.equals(draft.text())) {
            html.append("<p class=\"bad\">The text is longer than a post: it is cut as shown. Shorten it to say it all.</p>");
        }
        if (draft.kind() == AnnouncementKind.OUTAGE || draft.kind() == AnnouncementKind.RESOLVED) {
            List<Incident> affected = openIncidents(service.get().hashtag());
            Incident sample = affected.isEmpty() ? null : affected.get(0);
            String dm = draft.kind() == AnnouncementKind.OUTAGE
                    ? BroadcastWording.outageNotice(sampleOr(sample), announcement)
                    : BroadcastWording.resolvedNotice(sampleOr(sample), announcement);
            html.append("<h4>Direct message to each affected reporter</h4><blockquote class=\"post\" id=\"preview-dm\">")
                    .append(escape(dm)).append("</blockquote>");
            length(html, "preview-dm-length", PostLength.dm(dm), PostLength.DM_LIMIT, "characters");
            html.append("<p class=\"muted\">").append(affected.size() >= 1_000 ? "1,000 or more" : String.valueOf(affected.size()))
                    .append(" open incident").append(affected.size() == 1 ? "" : "s").append(" on #").append(escape(service.get().hashtag()))
                    .append(draft.kind() == AnnouncementKind.OUTAGE ? ": each reporter is told once per outage, within X's DM limits."
                            : " linked to the outage are resolved and their reporters told.").append("</p>");
        } else {
            html.append("<p class=\"muted\">No direct messages: this goes to the timeline, the status page and its feeds, ")
                    .append("and the email and SMS subscribers.</p>");
        }
        return html.toString();
    }

    private List<Incident> openIncidents(String service) {
        List<Incident> open = new java.util.ArrayList<>();
        String token = null;
        do {
            IncidentPage page = incidents.list(IncidentQuery.openOf(service, null, 100, token));
            open.addAll(page.incidents());
            token = page.nextPageToken();
        } while (token != null && open.size() < 1_000);
        return open;
    }

    /** The DM names an incident: the first affected one's, or a stand-in number when there is none yet. */
    private static Incident sampleOr(Incident sample) {
        return sample != null ? sample : new Incident("INC0000000", null, null, null, null, null, null, null, null, null,
                java.util.Set.of(), null, null, null, null, null, null, null, null, 0);
    }

    private static void length(StringBuilder html, String id, int length, int limit, String unit) {
        html.append("<p id=\"").append(id).append("\" class=\"").append(length > limit ? "bad" : "muted").append("\">")
                .append(length).append(" of ").append(limit).append(' ').append(unit)
                .append(length > limit ? ": over X's limit, X will refuse it" : "").append("</p>");
    }

    private static void quickForm(StringBuilder html, Session session, Outage outage, String kind, String legend, String label) {
        String id = kind + "-" + escape(outage.id());
        html.append("<form class=\"action inline\" method=\"post\" action=\"/console/announcements\"><fieldset><legend>")
                .append(legend).append("</legend>").append(Html.csrfField(session))
                .append("<input type=\"hidden\" name=\"request\" value=\"").append(UUID.randomUUID()).append("\">")
                .append("<input type=\"hidden\" name=\"kind\" value=\"").append(kind).append("\">")
                .append("<input type=\"hidden\" name=\"service\" value=\"").append(escape(outage.service())).append("\">")
                .append("<input type=\"hidden\" name=\"step\" value=\"post\">")
                .append("<p><label for=\"").append(id).append("\">").append(label).append("</label><textarea id=\"").append(id)
                .append("\" name=\"text\" rows=\"2\" required maxlength=\"2000\" data-count=\"post\" data-limit=\"")
                .append(PostLength.LIMIT).append("\"></textarea></p><p><button type=\"submit\">").append(legend)
                .append("</button></p></fieldset></form>");
    }

    private static void field(StringBuilder html, Map<String, String> kept, String name, String label, String type) {
        html.append("<p><label for=\"").append(name).append("\">").append(label).append("</label>");
        String value = escape(kept.getOrDefault(name, ""));
        if (type.equals("textarea")) {
            html.append("<textarea id=\"").append(name).append("\" name=\"").append(name)
                    .append("\" rows=\"3\" required maxlength=\"2000\" data-count=\"post\" data-limit=\"").append(PostLength.LIMIT)
                    .append("\">").append(value).append("</textarea>");
        } else {
            html.append("<input id=\"").append(name).append("\" name=\"").append(name).append("\" type=\"").append(type)
                    .append("\" maxlength=\"500\" value=\"").append(value).append("\">");
        }
        html.append("</p>");
    }

    private static Instant instant(String text, String which) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The maintenance " + which + " must be a date and time, like 2026-12-05T22:00");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
