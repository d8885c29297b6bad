package servicedesk.xstandin;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The WireMock extension that is the stand-in: one catch-all stub hands every request here, and the answer
 * comes from {@link Endpoints}. WireMock keeps its request journal, so tests can still {@code findAll} and
 * {@code verify}; a test may also add its own stubs at a higher priority to override an answer.
 */
final class StandInTransformer implements ResponseDefinitionTransformerV2 {
    static final String NAME = "x-standin";

    private volatile Endpoints endpoints;

    void bind(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String rawQuery = q < 0 ? "" : url.substring(q + 1);
        Map<String, String> headers = new HashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key().toLowerCase(Locale.ROOT), header.firstValue());
        }
        byte[] body = request.getBody();
        Endpoints.Call call = new Endpoints.Call(request.getMethod().getName(), path, rawQuery,
                Percent.parseForm(rawQuery), request.getScheme(), request.getHeader("Host"), headers,
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
        Answer answer = endpoints.handle(call);
        if (answer.dropConnection()) {
            // Processed, but the caller never learns it: the outcome is unknown to it.
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(answer.status())
                .withHeader("Content-Type", answer.contentType())
                .withBody(answer.body());
        answer.headers().forEach(builder::withHeader);
        return builder.build();
    }
}
