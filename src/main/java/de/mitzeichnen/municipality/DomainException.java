package de.mitzeichnen.municipality;

import java.util.List;

/**
 * A domain that cannot be registered; {@link #messageKey()} with {@link #args()} says why in the
 * user's language.
 */
public class DomainException extends IllegalArgumentException {

    private final String messageKey;
    private final List<String> args;

    DomainException(String messageKey, String... args) {
        super(messageKey + " " + String.join(", ", args));
        this.messageKey = messageKey;
        this.args = List.of(args);
    }

    public String messageKey() {
        return messageKey;
    }

    public List<String> args() {
        return args;
    }
}
