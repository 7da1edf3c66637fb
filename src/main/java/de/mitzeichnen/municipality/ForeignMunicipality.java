package de.mitzeichnen.municipality;

import io.micronaut.serde.annotation.Serdeable;

/** A municipality outside Germany: a country (ISO 3166-1 alpha-2) and a name, as first entered. */
@Serdeable
public record ForeignMunicipality(Long id, String country, String name) {}
