package servicedesk.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.function.Function;
import servicedesk.lambda.AdminApiHandler;
import servicedesk.lambda.AffectedReportersHandler;
import servicedesk.lambda.CatalogSeedHandler;
import servicedesk.lambda.ConsoleHandler;
import servicedesk.lambda.Desk;
import servicedesk.lambda.ProcessorHandler;
import servicedesk.lambda.SenderHandler;
import servicedesk.lambda.StatusHandler;
import servicedesk.lambda.StreamRelayHandler;
import servicedesk.lambda.TargetWatchHandler;
import servicedesk.lambda.ReconcilerHandler;
import servicedesk.lambda.TimelineHandler;
import servicedesk.lambda.WebhookHandler;

/**
 * Every handler class template.yaml names, with how the local host builds it from a {@link Desk} (the
 * function's environment and clock). Explicit rather than found by reflection: a handler that is renamed
 * or loses its constructor fails to compile here, and TemplateTest checks this list against the template.
 */
final class Handlers {
    static final Map<String, Function<Desk, RequestHandler<?, ?>>> BY_CLASS = Map.ofEntries(
            Map.entry(WebhookHandler.class.getName(), WebhookHandler::new),
            Map.entry(ProcessorHandler.class.getName(), ProcessorHandler::new),
            Map.entry(StreamRelayHandler.class.getName(), StreamRelayHandler::new),
            Map.entry(SenderHandler.class.getName(), SenderHandler::new),
            Map.entry(AdminApiHandler.class.getName(), AdminApiHandler::new),
            Map.entry(CatalogSeedHandler.class.getName(), CatalogSeedHandler::new),
            Map.entry(TimelineHandler.class.getName(), TimelineHandler::new),
            Map.entry(AffectedReportersHandler.class.getName(), AffectedReportersHandler::new),
            Map.entry(TargetWatchHandler.class.getName(), TargetWatchHandler::new),
            Map.entry(ReconcilerHandler.class.getName(), ReconcilerHandler::new),
            Map.entry(StatusHandler.class.getName(), StatusHandler::new),
            Map.entry(ConsoleHandler.class.getName(), ConsoleHandler::new));

    private Handlers() {
    }

    /** The class a template {@code Handler:} value ({@code package.Class::method}) names. */
    static String classOf(String handler) {
        return handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    }

    @SuppressWarnings("unchecked")
    static RequestHandler<Object, Object> build(String handler, Desk desk) {
        Function<Desk, RequestHandler<?, ?>> factory = BY_CLASS.get(classOf(handler));
        if (factory == null) {
            throw new IllegalStateException("No local factory for handler " + handler + ": add it to Handlers");
        }
        return (RequestHandler<Object, Object>) factory.apply(desk);
    }
}
