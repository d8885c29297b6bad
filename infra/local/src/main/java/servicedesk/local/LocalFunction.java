package servicedesk.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.Map;
import servicedesk.wiring.Environment;

/**
 * One function of template.yaml hosted in this JVM: its handler class, built with the environment the
 * template gives it, invoked one event at a time as Lambda would.
 */
final class LocalFunction {
    private final String logicalId;
    private final String handlerClass;
    private final Environment environment;
    private final Clock clock;
    private RequestHandler<Object, Object> handler;

    LocalFunction(String logicalId, String handler, Map<String, String> environment, Clock clock) {
        this.logicalId = logicalId;
        this.handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        this.environment = new Environment(environment);
        this.clock = clock;
    }

    String logicalId() {
        return logicalId;
    }

    Environment environment() {
        return environment;
    }

    synchronized Object invoke(Object event) {
        if (handler == null) {
            handler = instantiate();
        }
        return handler.handleRequest(event, LocalContext.forFunction(logicalId));
    }

    /** Uses the handler's (Environment, Clock) constructor when a clock is set, else its (Environment) one. */
    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> instantiate() {
        try {
            Class<?> type = Class.forName(handlerClass);
            if (clock != null) {
                try {
                    Constructor<?> withClock = type.getConstructor(Environment.class, Clock.class);
                    return (RequestHandler<Object, Object>) withClock.newInstance(environment, clock);
                } catch (NoSuchMethodException noClock) {
                    // this handler does not tell the time
                }
            }
            return (RequestHandler<Object, Object>) type.getConstructor(Environment.class).newInstance(environment);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(logicalId + " failed to initialise: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(logicalId + ": handler " + handlerClass
                    + " needs a public constructor taking servicedesk.wiring.Environment", e);
        }
    }
}
