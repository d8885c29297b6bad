package servicedesk.console;

import java.util.List;

/**
 * A signed-in agent's request: who they are (from their verified token), the CSRF token their forms must
 * carry, and the cookies this response must set (a refreshed access token, a new CSRF token).
 */
record Session(Agent agent, String csrf, List<String> setCookies) {
}
