package de.mitzeichnen.console;

import de.mitzeichnen.email.MailDomain;
import de.mitzeichnen.web.Texts;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What is wrong with a submitted form: at most one message per field, plus one for the form as a
 * whole.
 */
public final class FormErrors {

    private record Message(String key, Object[] args) {}

    /** An argument that is itself a message (a reason inside a sentence), in the same language. */
    public record Words(String key, Object... args) {}

    /**
     * For a message about a refused address: „Zeichen aus anderen Schriften: „а“ U+0430 …", or
     * nothing when it has only ASCII – a look-alike looks right, the code points show the fake.
     */
    public static Object unusualCharacters(String text) {
        String unusual = MailDomain.unusualCharacters(text);
        return unusual.isEmpty() ? "" : new Words("console.error.unusualCharacters", unusual);
    }

    private final Map<String, Message> fields = new LinkedHashMap<>();
    private Message general;

    public FormErrors field(String field, String key, Object... args) {
        fields.putIfAbsent(field, new Message(key, args));
        return this;
    }

    public FormErrors general(String key, Object... args) {
        general = new Message(key, args);
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty() && general == null;
    }

    /** The messages per field in the reader's language, for the template's {@code errors}. */
    public Map<String, String> localized(Texts texts, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((f, m) -> out.put(f, texts.get(locale, m.key(), args(texts, locale, m))));
        return out;
    }

    /** The message about the whole form, or null. */
    public String general(Texts texts, Locale locale) {
        return general == null
                ? null
                : texts.get(locale, general.key(), args(texts, locale, general));
    }

    private static Object[] args(Texts texts, Locale locale, Message m) {
        Object[] out = m.args().clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Words w) {
                out[i] = texts.get(locale, w.key(), w.args());
            }
        }
        return out;
    }
}
