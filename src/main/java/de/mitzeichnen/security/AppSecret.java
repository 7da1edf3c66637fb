package de.mitzeichnen.security;

import de.mitzeichnen.db.Utc;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A secret generated once and shared by all instances through the database. */
@MappedEntity("app_secret")
record AppSecret(@Id String name, String secret, @Utc Instant createdAt) {}
