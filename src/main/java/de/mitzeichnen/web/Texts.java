package de.mitzeichnen.web;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * All user-facing text comes from the bundles {@code i18n/messages_de} and {@code i18n/messages_en}; this
 * is the door to them for Java code (templates reach them through Thymeleaf's #{...}).
 */
@Singleton
public class Texts {

    private final MessageSource messages;

    Texts(MessageSource messages) {
        this.messages = messages;
    }

    /** The text for {@code key} with {0}, {1} … replaced; the key itself when it is missing (tests catch that). */
    public String get(Locale locale, String key, Object... args) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            vars.put(String.valueOf(i), args[i]);
        }
        MessageSource.MessageContext context = MessageSource.MessageContext.of(locale, vars);
        return messages.getMessage(key, context).map(m -> messages.interpolate(m, context)).orElse(key);
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
