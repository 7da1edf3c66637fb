package de.mitzeichnen.db;

import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@link java.time.Instant} property stored in a DATETIME(6) column in UTC, microseconds
 * kept.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
    ElementType.FIELD,
    ElementType.METHOD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT
})
@TypeDef(type = DataType.STRING, converter = UtcInstantConverter.class)
@MappedProperty(converter = UtcInstantConverter.class)
public @interface Utc {}
