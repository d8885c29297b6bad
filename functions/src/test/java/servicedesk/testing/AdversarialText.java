package servicedesk.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text built to make a backtracking regular expression re-read what it read: for each rule of the secret
 * scanner and the announcement parser, an opening it would start on followed by a long run that almost
 * completes a match, or the same opening repeated. Each is exactly {@link #LENGTH} characters.
 */
public final class AdversarialText {
    public static final int LENGTH = 100_000;

    private AdversarialText() {
    }

    /** Ordinary prose of the same length: the baseline. */
    public static String prose() {
        return fill("", "Blackboard is slow again this morning; grades page spins, please have a look. ");
    }

    /** Attacks on the secret scanner's rules, by name. */
    public static Map<String, String> forSecretScanner() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("private key: BEGIN then no END", fill("-----BEGIN ", "A "));
        texts.put("private key: BEGIN repeated", fill("", "-----BEGIN PRIVATE KEY"));
        texts.put("token: eyJ- repeated", fill("", "eyJ-"));
        texts.put("token: xoxb- repeated", fill("", "xoxb-"));
        texts.put("token: ghp_ run", fill("ghp_", "a"));
        texts.put("keyword: token then spaces", fill("token", " ") .substring(0, LENGTH - 1) + "!");
        texts.put("keyword: token= repeated", fill("", "token: "));
        texts.put("keyword: api key is repeated", fill("", "api key is "));
        texts.put("password: then spaces", fill("password", " ").substring(0, LENGTH - 1) + "\"");
        texts.put("password: is then spaces", fill("password is", " ").substring(0, LENGTH - 1) + "\"");
        texts.put("password: pin- repeated", fill("", "pin-"));
        texts.put("password: pw is repeated", fill("", "pw is "));
        texts.put("national id: near misses", fill("", "123-45-678 AB 12 34 56 "));
        texts.put("card: digits and spaces", fill("", "1 "));
        texts.put("card: digits and dashes", fill("", "4-"));
        texts.put("card: one run of digits", fill("", "4"));
        return texts;
    }

    /** Attacks on the announcement parser's rules (ETA, maintenance window, @mentions at the edges). */
    public static Map<String, String> forAnnouncementText() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("eta: ETA then spaces", fill("ETA", " ").substring(0, LENGTH - 1) + "x");
        texts.put("eta: ETA: repeated", fill("", "ETA: "));
        texts.put("window: start then spaces", fill("2030-01-05 22:00", " ").substring(0, LENGTH - 1) + "x");
        texts.put("window: start - then spaces", fill("2030-01-05 22:00 -", " ").substring(0, LENGTH - 1) + "x");
        texts.put("window: starts repeated", fill("", "2030-01-05 22:00 "));
        texts.put("mentions: a run, then a word", fill("", " @a").substring(0, LENGTH - 2) + " x");
        texts.put("mentions: a run at the start", fill("", "@a ").substring(0, LENGTH - 2) + "@a");
        return texts;
    }

    private static String fill(String opening, String unit) {
        StringBuilder text = new StringBuilder(LENGTH + unit.length()).append(opening);
        while (text.length() < LENGTH) {
            text.append(unit);
        }
        return text.substring(0, LENGTH);
    }
}
