package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import servicedesk.status.StatusPage;
import servicedesk.status.StatusSite;

/** The public status page's routes: see {@link StatusSite}. */
public final class StatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final StatusSite site;

    public StatusHandler() {
        this(Desk.ofProcess());
    }

    public StatusHandler(Desk desk) {
        this.site = new StatusSite(new StatusPage(desk.catalog(), desk.outages(), desk.sendingState()::surge,
                desk.clock()), desk.environment().orDefault("DESK_NAME", "IT service desk"),
                desk.environment().orDefault("STATUS_BASE_URL", ""));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpEvents.response(site.handle(HttpEvents.request(event)));
    }
}
