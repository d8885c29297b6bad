package servicedesk.xstandin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * X's batch compliance for posts and users (BC: x-api/compliance/batch-compliance/introduction.mdx,
 * quickstart.mdx, integrate.mdx; RL for the 150/15 min per app on create and lookup). A job is created
 * ({@code created}, its upload URL good for 15 minutes, its download URL for 7 days, one active job per type
 * else 409), takes one PUT of ids, one a line, up to 128 MB ({@code in_progress}), its results fixed then, and is
 * {@code complete} on the next lookup: one JSON line per id with an event (a deleted post: action
 * {@code delete}, reason {@code deleted}), and an {@code invalid_id} error line per unreadable line. A job
 * left without an upload past its window is {@code expired}.
 *
 * <p>The URLs are on the stand-in's own host, as X now serves them ({@code /2/compliance/jobs/:id/upload} and
 * {@code …/download} with a {@code token} query), and, as the integration guide says, take the app's bearer
 * token too: a wrong, expired or wrong-purpose token is a 403.
 */
final class Compliance {
    static final int MAX_UPLOAD_BYTES = 128 * 1024 * 1024;
    static final Duration UPLOAD_WINDOW = Duration.ofMinutes(15);
    static final Duration DOWNLOAD_WINDOW = Duration.ofDays(7);
    private static final Set<String> TYPES = Set.of("tweets", "users");
    private static final Set<String> FIELDS = Set.of("type", "name", "resumable");
    private static final Pattern ID = Pattern.compile("[0-9]{1,19}");

    private static final class Job {
        final String id;
        final String type;
        final String name;
        final Instant createdAt;
        final String uploadToken = token();
        final String downloadToken = token();
        String status = "created";
        List<String> ids = List.of();
        String results;

        Job(String id, String type, String name, Instant createdAt) {
            this.id = id;
            this.type = type;
            this.name = name;
            this.createdAt = createdAt;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final XClock clock;
    private final World world;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    Compliance(XClock clock, World world) {
        this.clock = clock;
        this.world = world;
    }

    private static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    synchronized Answer create(Endpoints.Call call) {
        JsonNode body = Json.parse(call.body());
        if (body == null || !body.isObject()) {
            return Problems.invalidRequest("Request body is not a valid JSON object.");
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add("$." + name + ": is not defined in the schema and the schema does not allow additional properties");
            }
        });
        if (!unknown.isEmpty()) {
            return Problems.invalidRequest(unknown);
        }
        if (!body.path("type").isTextual() || !TYPES.contains(body.path("type").asText())) {
            return Problems.invalidRequest("$.type: does not have a value in the enumeration [tweets, users]");
        }
        if (body.path("resumable").asBoolean(false)) {
            return Problems.invalidRequest("$.resumable: resumable uploads are not supported");
        }
        String type = body.path("type").asText();
        Instant now = clock.instant();
        expireLapsed(now);
        if (jobs.values().stream().anyMatch(job -> job.type.equals(type)
                && ("created".equals(job.status) || "in_progress".equals(job.status)))) {
            return Answer.problem(409, Json.object().put("title", "Conflict")
                    .put("detail", "A " + type + " compliance job is already active.").put("type", "about:blank").put("status", 409));
        }
        Job job = new Job(world.nextId(now), type, body.path("name").isTextual() ? body.path("name").asText() : null, now);
        jobs.put(job.id, job);
        return Answer.json(200, Json.object().set("data", describe(job, call)));
    }

    synchronized Answer lookup(Endpoints.Call call, String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return Problems.notFound();
        }
        Instant now = clock.instant();
        expireLapsed(now);
        if ("in_progress".equals(job.status)) {
            // The stand-in's X works fast: the job is done by the next look.
            job.status = "complete";
        }
        return Answer.json(200, Json.object().set("data", describe(job, call)));
    }

    synchronized Answer upload(Endpoints.Call call, String id) {
        Job job = jobs.get(id);
        Instant now = clock.instant();
        expireLapsed(now);
        if (job == null || !job.uploadToken.equals(call.param("token")) || !"created".equals(job.status)) {
            return forbidden("The upload token is not valid for this job, or has expired.");
        }
        if (call.body() != null && call.body().getBytes(StandardCharsets.UTF_8).length > MAX_UPLOAD_BYTES) {
            return Answer.problem(413, Json.object().put("title", "Payload Too Large")
                    .put("detail", "Uploads are limited to 128 MB.").put("type", "about:blank").put("status", 413));
        }
        List<String> ids = new ArrayList<>();
        for (String line : (call.body() == null ? "" : call.body()).split("\r?\n")) {
            if (!line.isBlank()) {
                ids.add(line.trim());
            }
        }
        job.ids = List.copyOf(ids);
        // X works on the ids as they are when it takes them: a post deleted later is the next job's.
        job.results = results(job, now);
        job.status = "in_progress";
        return Answer.json(200, Json.object().set("data", describe(job, call)));
    }

    synchronized Answer download(Endpoints.Call call, String id) {
        Job job = jobs.get(id);
        if (job == null || !job.downloadToken.equals(call.param("token")) || !"complete".equals(job.status)
                || clock.instant().isAfter(job.createdAt.plus(DOWNLOAD_WINDOW))) {
            return forbidden("The download token is not valid for this job, or has expired.");
        }
        return new Answer(200, "application/x-ndjson", job.results, new LinkedHashMap<>(), false);
    }

    /** Every job, newest last, for tests: id and status. */
    synchronized Map<String, String> statuses() {
        Map<String, String> out = new LinkedHashMap<>();
        jobs.values().forEach(job -> out.put(job.id, job.status));
        return out;
    }

    /** The ids uploaded to a job, for tests. */
    synchronized List<String> uploaded(String id) {
        Job job = jobs.get(id);
        return job == null ? List.of() : job.ids;
    }

    private void expireLapsed(Instant now) {
        for (Job job : jobs.values()) {
            if ("created".equals(job.status) && now.isAfter(job.createdAt.plus(UPLOAD_WINDOW))) {
                job.status = "expired";
            }
        }
    }

    private String results(Job job, Instant now) {
        StringBuilder out = new StringBuilder();
        for (String id : job.ids) {
            if (!ID.matcher(id).matches()) {
                out.append(Json.write(Json.object().put("id", id).put("error", "invalid_id"))).append('\n');
                continue;
            }
            Post post = "tweets".equals(job.type) ? world.post(id) : null;
            if (post != null && world.isDeleted(id)) {
                out.append(Json.write(Json.object().put("id", id).put("action", "delete")
                        .put("created_at", Payloads.V2_TIME.format(post.createdAt()))
                        .put("redacted_at", Payloads.V2_TIME.format(now)).put("deleted_at", Payloads.V2_TIME.format(now))
                        .put("reason", "deleted"))).append('\n');
            }
        }
        return out.toString();
    }

    private ObjectNode describe(Job job, Endpoints.Call call) {
        String base = call.scheme() + "://" + call.host() + "/2/compliance/jobs/" + job.id;
        ObjectNode data = Json.object();
        data.put("id", job.id).put("type", job.type).put("status", job.status).put("resumable", false)
                .put("created_at", Payloads.V2_TIME.format(job.createdAt))
                .put("upload_url", base + "/upload?token=" + job.uploadToken)
                .put("upload_expires_at", Payloads.V2_TIME.format(job.createdAt.plus(UPLOAD_WINDOW)))
                .put("download_url", base + "/download?token=" + job.downloadToken)
                .put("download_expires_at", Payloads.V2_TIME.format(job.createdAt.plus(DOWNLOAD_WINDOW)));
        if (job.name != null) {
            data.put("name", job.name);
        }
        return data;
    }

    private static Answer forbidden(String detail) {
        return Answer.problem(403, Json.object().put("title", "Forbidden").put("detail", detail)
                .put("type", "about:blank").put("status", 403));
    }
}
