package servicedesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import servicedesk.admin.AdminApi;

/** The admin API's routes (IAM-authorised): see {@link AdminApi}. */
public final class AdminApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AdminApi api;

    public AdminApiHandler() {
        this(Desk.ofProcess());
    }

    public AdminApiHandler(Desk desk) {
        this.api = new AdminApi(desk.incidents(), desk.outages(), desk.catalog(), desk.records(), desk.outboxReports(),
                desk.clock());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpEvents.response(api.handle(HttpEvents.request(event)));
    }
}
