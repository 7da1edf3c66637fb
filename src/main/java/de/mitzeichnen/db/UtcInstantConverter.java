package de.mitzeichnen.db;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Writes instants to DATETIME(6) columns as UTC text with microseconds. Connector/J truncates bound timestamps
 * to whole seconds on MariaDB 10.x, which announces itself as "5.5.5-…"; text is taken exactly by both MySQL 8
 * and MariaDB.
 */
@Singleton
public class UtcInstantConverter implements AttributeConverter<Instant, String> {

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    @Override
    public String convertToPersistedValue(Instant instant, ConversionContext context) {
        return instant == null ? null : WRITE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Instant convertToEntityValue(String value, ConversionContext context) {
        return value == null ? null : LocalDateTime.parse(value, READ).toInstant(ZoneOffset.UTC);
    }
}
