package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import servicedesk.console.ConsoleSite;

/** The agent console's routes ({@code /console} and below): see {@link ConsoleSite}. */
public final class ConsoleHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ConsoleSite site;

    public ConsoleHandler() {
        this(Desk.ofProcess());
    }

    public ConsoleHandler(Desk desk) {
        this.site = new ConsoleSite(desk.incidents(), desk.outages(), desk.catalog(), desk.records(), desk.agentTokens(),
                desk.agentSignIn(), desk.outboxReports(), desk.clock());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpEvents.response(site.handle(HttpEvents.request(event)));
    }
}
