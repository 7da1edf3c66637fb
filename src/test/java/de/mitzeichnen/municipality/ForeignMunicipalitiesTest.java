package de.mitzeichnen.municipality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.mitzeichnen.testsupport.Db;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ForeignMunicipalitiesTest {

    @Inject ForeignMunicipalities foreign;
    @Inject Db db;

    @Test
    void theSamePlaceSpelledDifferentlyIsOneRow() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        ForeignMunicipality first = foreign.findOrCreate("ch", "  Zürich-Höngg " + suffix);
        ForeignMunicipality again = foreign.findOrCreate("CH", "ZUERICH HOENGG " + suffix);
        ForeignMunicipality plain = foreign.findOrCreate("CH", "Zurich Hongg " + suffix);
        assertEquals(first, again);
        assertEquals(first, plain);
        assertEquals("CH", first.country());
        assertEquals("Zürich-Höngg " + suffix, first.name());
        assertEquals(
                1,
                db.count("SELECT COUNT(*) FROM foreign_municipality WHERE name = ?", first.name()));
        ForeignMunicipality elsewhere = foreign.findOrCreate("AT", "Zürich-Höngg " + suffix);
        assertNotEquals(first.id(), elsewhere.id());
        assertEquals(first, foreign.findById(first.id()).orElseThrow());
        assertEquals(Optional.empty(), foreign.findById(-1));
    }

    @Test
    void countriesMustBeIsoCodesAndNamesMustBeThere() {
        assertThrows(IllegalArgumentException.class, () -> foreign.findOrCreate("XX", "Nirgendwo"));
        assertThrows(IllegalArgumentException.class, () -> foreign.findOrCreate("CHE", "Zürich"));
        assertThrows(IllegalArgumentException.class, () -> foreign.findOrCreate(null, "Zürich"));
        assertThrows(IllegalArgumentException.class, () -> foreign.findOrCreate("DE", "Berlin"));
        assertThrows(IllegalArgumentException.class, () -> foreign.findOrCreate("FR", "  "));
        assertThrows(
                IllegalArgumentException.class, () -> foreign.findOrCreate("FR", "x".repeat(201)));
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM foreign_municipality WHERE country IN ('XX', 'DE')"));
    }
}
