package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import servicedesk.catalog.CatalogSeed;
import servicedesk.catalog.ServiceCatalog;
import servicedesk.format.Json;
import servicedesk.format.Log;

/**
 * The ServiceCatalogSeed custom resource: on stack create and update, adds the default services that
 * are missing. Deleting the stack leaves the catalog alone (the table's own policy decides its fate).
 */
public final class CatalogSeedHandler implements RequestHandler<CloudFormationCustomResourceEvent, String> {
    private final ServiceCatalog catalog;

    public CatalogSeedHandler() {
        this(Desk.ofProcess());
    }

    public CatalogSeedHandler(Desk desk) {
        this.catalog = desk.catalog();
    }

    @Override
    public String handleRequest(CloudFormationCustomResourceEvent event, Context context) {
        String status = "SUCCESS";
        String reason = "";
        Map<String, Object> data = new LinkedHashMap<>();
        try {
            if (!"Delete".equals(event.getRequestType())) {
                data.put("Added", CatalogSeed.seed(catalog));
            }
        } catch (RuntimeException failure) {
            status = "FAILED";
            reason = "Seeding the service catalog failed: " + failure.getClass().getSimpleName();
            Log.error("catalog-seed-failed", "error", failure.getClass().getSimpleName());
        }
        respond(event, status, reason, data, context);
        return status;
    }

    private static void respond(CloudFormationCustomResourceEvent event, String status, String reason,
                                Map<String, Object> data, Context context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", status);
        body.put("Reason", reason.isEmpty() ? "See CloudWatch log stream " + logStream(context) : reason);
        body.put("PhysicalResourceId", event.getPhysicalResourceId() != null
                ? event.getPhysicalResourceId() : "service-catalog-seed");
        body.put("StackId", event.getStackId());
        body.put("RequestId", event.getRequestId());
        body.put("LogicalResourceId", event.getLogicalResourceId());
        body.put("Data", data);
        try {
            byte[] payload = Json.MAPPER.writeValueAsBytes(body);
            HttpURLConnection connection = (HttpURLConnection) URI.create(event.getResponseUrl()).toURL().openConnection();
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setRequestProperty("content-type", "");
            connection.setFixedLengthStreamingMode(payload.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(payload);
            }
            Log.info("catalog-seed-responded", "status", status, "http", connection.getResponseCode());
        } catch (IOException e) {
            // CloudFormation times the resource out if it never hears back; nothing else can be done here.
            Log.error("catalog-seed-response-failed", "error", e.getClass().getSimpleName());
        }
    }

    private static String logStream(Context context) {
        return context == null ? "" : context.getLogStreamName();
    }
}
