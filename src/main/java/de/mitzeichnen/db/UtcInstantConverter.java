package de.mitzeichnen.db;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The {@link Utc} property converter of the repositories: instants as UTC text with microseconds,
 * the same text {@link Sql#utc} binds (see there why).
 */
@Singleton
public class UtcInstantConverter implements AttributeConverter<Instant, String> {

    @Override
    public String convertToPersistedValue(Instant instant, ConversionContext context) {
        return Sql.utc(instant);
    }

    @Override
    public Instant convertToEntityValue(String value, ConversionContext context) {
        return Sql.instant(value);
    }
}
