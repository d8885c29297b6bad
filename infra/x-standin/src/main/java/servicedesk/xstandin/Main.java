package servicedesk.xstandin;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a stand-in in the foreground for a local desk: {@code X_STANDIN_PORT} (default 8089),
 * {@code X_STANDIN_TIME_SCALE} (default 1) and the desk's {@code TWITTER_*} variables (see
 * {@link Options#fromEnvironment}). Point the desk's {@code TWITTER_API_BASE_URL} at the printed URL.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getenv().getOrDefault("X_STANDIN_PORT", "8089"));
        XStandIn standIn = XStandIn.start(Options.fromEnvironment(System.getenv()), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            stopped.countDown();
        }));
        System.out.println("X stand-in at " + standIn.baseUrl() + " for account " + standIn.options().accountId()
                + " (time scale " + standIn.options().timeScale() + ")");
        stopped.await();
    }
}
