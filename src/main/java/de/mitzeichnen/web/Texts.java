package de.mitzeichnen.web;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * All user-facing text comes from the bundles {@code i18n/messages_de} and {@code
 * i18n/messages_en}; this is the door to them for Java code (templates reach them through
 * Thymeleaf's #{...}).
 */
@Singleton
public class Texts {

    private final MessageSource messages;

    Texts(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The text for {@code key} with {0}, {1} … replaced; the key itself when it is missing (tests
     * catch that).
     */
    public String get(Locale locale, String key, Object... args) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            vars.put(String.valueOf(i), args[i]);
        }
        MessageSource.MessageContext context = MessageSource.MessageContext.of(locale, vars);
        return messages.getMessage(key, context)
                .map(m -> messages.interpolate(m, context))
                .orElse(key);
    }

    /**
     * A count in words by the language's CLDR plural rules: the bundle text is an ICU message with
     * the argument {@code n}, e.g. {@code {n, plural, one {# Kommune unterstützt} other {# Kommunen
     * unterstützen}}}.
     */
    public String plural(Locale locale, String key, long n) {
        return plural(locale, key, n, "");
    }

    /**
     * As {@link #plural(Locale, String, long)}, with a second, already formatted argument {@code
     * a}.
     */
    public String plural(Locale locale, String key, long n, String a) {
        MessageFormat format = new MessageFormat(raw(locale, key), ULocale.forLocale(locale));
        return format.format(Map.of("n", n, "a", a));
    }

    /**
     * An ICU message with named arguments, e.g. {@code {a, number, integer} von {n, plural, one {#
     * Kommune} other {# Kommunen}}}: every count in words goes through here (or {@link #plural}),
     * so that each number of a message picks its own CLDR plural form.
     */
    public String format(Locale locale, String key, Map<String, ?> args) {
        return new MessageFormat(raw(locale, key), ULocale.forLocale(locale)).format(args);
    }

    /**
     * Supporting places in words, one number per kind: „4 Kommunen und 1 Landkreis" ({@code
     * municipalities} in Germany and abroad, {@code districts} the Landkreise).
     */
    public String places(Locale locale, long municipalities, long districts) {
        return format(locale, "plural.places", Map.of("n", municipalities, "d", districts));
    }

    /** The plural texts of one language, for templates: {@code ${plural.of('key', count)}}. */
    public Plurals plurals(Locale locale) {
        return new Plurals(this, locale);
    }

    /** {@link #plural} bound to a language. */
    public record Plurals(Texts texts, Locale locale) {
        public String of(String key, Number n) {
            return texts.plural(locale, key, n == null ? 0 : n.longValue());
        }

        public String of(String key, Number n, String a) {
            return texts.plural(locale, key, n == null ? 0 : n.longValue(), a);
        }

        /** A message with two named arguments, e.g. {@code ('key', 'n', 4, 'd', 1)}. */
        public String of(String key, String name1, Object value1, String name2, Object value2) {
            return texts.format(locale, key, Map.of(name1, value1, name2, value2));
        }

        /** A message with three named arguments. */
        public String of(
                String key,
                String name1,
                Object value1,
                String name2,
                Object value2,
                String name3,
                Object value3) {
            return texts.format(locale, key, Map.of(name1, value1, name2, value2, name3, value3));
        }

        /** „4 Kommunen und 1 Landkreis": see {@link Texts#places}. */
        public String places(Number municipalities, Number districts) {
            return texts.places(
                    locale,
                    municipalities == null ? 0 : municipalities.longValue(),
                    districts == null ? 0 : districts.longValue());
        }
    }

    /** The text for {@code key} exactly as the bundle has it, e.g. a date pattern with quotes. */
    public String raw(Locale locale, String key) {
        return messages.getRawMessage(key, MessageSource.MessageContext.of(locale)).orElse(key);
    }

    @Factory
    static class Bundles {
        @Singleton
        MessageSource messageSource() {
            return new ResourceBundleMessageSource("i18n.messages");
        }
    }
}
