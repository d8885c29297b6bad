package servicedesk.privacy;

/** The kinds of secret people paste into public tweets. */
public enum SecretKind {
    PASSWORD, CARD_NUMBER, NATIONAL_ID, PRIVATE_KEY, API_TOKEN
}
