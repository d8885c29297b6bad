package servicedesk.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.Map;
import servicedesk.lambda.Desk;
import servicedesk.settings.Environment;

/**
 * One function of template.yaml hosted in this JVM: its handler, built by {@link Handlers} with the
 * environment the template gives it, invoked one event at a time as Lambda would.
 */
final class LocalFunction {
    private final String logicalId;
    private final String handlerName;
    private final Environment environment;
    private final Clock clock;
    private RequestHandler<Object, Object> handler;

    /** @param clock the functions' clock; null for the system's */
    LocalFunction(String logicalId, String handler, Map<String, String> environment, Clock clock) {
        this.logicalId = logicalId;
        this.handlerName = handler;
        this.environment = new Environment(environment);
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    String logicalId() {
        return logicalId;
    }

    Environment environment() {
        return environment;
    }

    synchronized Object invoke(Object event) {
        if (handler == null) {
            try {
                handler = Handlers.build(handlerName, new Desk(environment, clock));
            } catch (RuntimeException failed) {
                throw new IllegalStateException(logicalId + " failed to initialise: " + failed, failed);
            }
        }
        return handler.handleRequest(event, LocalContext.forFunction(logicalId));
    }
}
