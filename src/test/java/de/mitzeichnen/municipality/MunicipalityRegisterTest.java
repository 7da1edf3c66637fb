package de.mitzeichnen.municipality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.Db;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The register as the application holds it after its start: loaded from the shipped file. */
@MicronautTest(transactional = false)
class MunicipalityRegisterTest {

    @Inject Db db;
    @Inject MunicipalityRegister register;
    @Inject MunicipalityImport importer;

    @Test
    void theStartedApplicationHoldsTheWholeShippedRegister() {
        ShippedRegister shipped = ShippedRegister.read();
        assertEquals(
                shipped.municipalities(),
                db.count("SELECT COUNT(*) FROM municipality WHERE active"));
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM municipality WHERE type_code IN ('65', '66')"));
        assertEquals(shipped.kreise(), db.count("SELECT COUNT(*) FROM kreis WHERE active"));
        assertEquals(16, db.count("SELECT COUNT(*) FROM land"));
        assertEquals(
                shipped.verbaende(), db.count("SELECT COUNT(*) FROM gemeindeverband WHERE active"));
        // The Destatis total counts the residents of inhabited unincorporated areas (in 2025 the
        // 917 of Lohheide and Osterheide), which are not municipalities.
        assertEquals(shipped.population(), db.count("SELECT SUM(population) FROM land"));
        assertEquals(
                shipped.population(), db.count("SELECT SUM(population) FROM kreis WHERE active"));
        assertEquals(
                shipped.municipalitiesPopulation(),
                db.count("SELECT SUM(population) FROM municipality WHERE active"));
        // every municipality that has a BKG point gets it
        Map<String, double[]> points = importer.points();
        long withPoint =
                db.rows("SELECT ags FROM municipality WHERE active").stream()
                        .filter(r -> points.containsKey((String) r.get("ags")))
                        .count();
        assertTrue(withPoint > shipped.municipalities() * 99L / 100, "points: " + withPoint);
        assertEquals(
                withPoint,
                db.count("SELECT COUNT(*) FROM municipality WHERE active AND lat IS NOT NULL"));
        assertEquals(shipped.municipalities(), register.activeCount());
        // A second start does nothing.
        assertTrue(importer.importShippedIfEmpty().isEmpty());
    }

    @Test
    void storedRowsMatchTheReferenceCsv() throws Exception {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        db.rows(
                        "SELECT m.ags, m.name, m.display_name, m.type_code, m.population, m.postal_code, m.area_km2,"
                                + " m.verband_name, m.gebietsstand, k.name AS kreis, l.name AS land FROM municipality m"
                                + " JOIN kreis k ON k.ags = m.kreis_ags JOIN land l ON l.code = m.land_code WHERE m.active")
                .forEach(r -> rows.put((String) r.get("ags"), r));
        LocalDate stand = ShippedRegister.read().gebietsstand();
        int checked = 0;
        for (CSVRecord e : Gv100adParserTest.csv("gemeinden.csv")) {
            if (e.get("typ_code").equals("65") || e.get("typ_code").equals("66")) {
                assertFalse(rows.containsKey(e.get("ags")));
                continue;
            }
            Map<String, Object> r = rows.get(e.get("ags"));
            assertEquals(e.get("name"), r.get("name"));
            assertEquals(Gv100adParser.displayName(e.get("name")), r.get("display_name"));
            assertEquals(e.get("typ_code"), r.get("type_code"));
            assertEquals(
                    Integer.parseInt(e.get("einwohner")),
                    ((Number) r.get("population")).intValue());
            assertEquals(e.get("plz_sitz"), r.get("postal_code"));
            assertEquals(
                    0,
                    new BigDecimal(e.get("flaeche_km2")).compareTo((BigDecimal) r.get("area_km2")));
            assertEquals(e.get("verband"), r.get("verband_name"));
            assertEquals(e.get("kreis"), r.get("kreis"));
            assertEquals(e.get("land"), r.get("land"));
            assertEquals(stand, LocalDate.parse(r.get("gebietsstand").toString()));
            checked++;
        }
        assertEquals(ShippedRegister.read().municipalities(), checked);
        for (CSVRecord e : Gv100adParserTest.csv("kreise.csv")) {
            assertEquals(
                    Long.parseLong(e.get("einwohner")),
                    db.count("SELECT population FROM kreis WHERE ags = ?", e.get("ags")),
                    e.get("name"));
        }
    }

    @Test
    void findByAgsGivesTheWholeRecord() {
        Municipality flensburg = register.findByAgs("01001000").orElseThrow();
        assertEquals("Flensburg, Stadt", flensburg.name());
        assertEquals("Flensburg", flensburg.displayName());
        assertEquals("010010000000", flensburg.ars());
        assertEquals("61", flensburg.typeCode());
        assertEquals("Kreisfreie Stadt", flensburg.typeLabel());
        assertEquals("Schleswig-Holstein", flensburg.landName());
        assertEquals("01001", flensburg.kreisAgs());
        assertEquals("Flensburg", flensburg.kreisName());
        assertEquals(ShippedRegister.population("01001000"), flensburg.population());
        assertEquals("24937", flensburg.postalCode());
        assertEquals(ShippedRegister.read().gebietsstand(), flensburg.gebietsstand());
        assertTrue(flensburg.active());
        assertEquals(54.77495, flensburg.lat(), 1e-6);
        assertEquals(9.44056, flensburg.lon(), 1e-6);
        Municipality brunsbuettel = register.findByAgs("01051011").orElseThrow();
        assertEquals("Kreis Dithmarschen", brunsbuettel.kreisName());
        assertTrue(register.findByAgs("99999999").isEmpty());
        assertTrue(register.findByAgs(null).isEmpty());
    }

    @Test
    void searchRanksByMatchThenPopulation() {
        List<String> frankfurt =
                register.search("Frankfurt", 10).stream().map(Municipality::ags).toList();
        assertEquals(List.of("06412000", "12053000"), frankfurt.subList(0, 2));
        for (String q : List.of("muenchen", "München", "munchen", "MÜNCHEN", " münchen ")) {
            assertEquals("09162000", register.search(q, 10).get(0).ags(), q);
        }
        // word matches come after the names that start with the query
        List<Municipality> main = register.search("main", 50);
        assertTrue(main.get(0).displayName().startsWith("Main"), main.get(0).displayName());
        assertTrue(main.stream().anyMatch(m -> m.ags().equals("06412000")));
        assertEquals("06412000", register.search("frankfurt main", 5).get(0).ags());
        assertEquals(List.of(), register.search("60311", 5));
        assertEquals(
                List.of("09162000"),
                register.search("09162000", 5).stream().map(Municipality::ags).toList());
        assertTrue(register.search("0916", 50).stream().allMatch(m -> m.ags().startsWith("0916")));
        assertEquals(List.of(), register.search("m", 10));
        assertEquals(List.of(), register.search("", 10));
        assertEquals(List.of(), register.search(null, 10));
        assertEquals(3, register.search("berg", 3).size());
        assertEquals("01001000", register.search("Stadt Flensburg", 5).get(0).ags());
    }

    @Test
    void resolveTurnsFormTextIntoAMunicipalityOrCandidates() {
        assertEquals("09162000", register.resolve("09162000").match().orElseThrow().ags());
        assertEquals("09162000", register.resolve("München").match().orElseThrow().ags());
        assertEquals("06412000", register.resolve("Frankfurt am Main").match().orElseThrow().ags());
        MunicipalityRegister.Resolution frankfurt = register.resolve("Frankfurt");
        assertTrue(frankfurt.match().isEmpty());
        assertEquals(
                List.of("06412000", "12053000"),
                frankfurt.candidates().stream().map(Municipality::ags).toList().subList(0, 2));
        MunicipalityRegister.Resolution neustadt = register.resolve("Neustadt");
        assertTrue(neustadt.match().isEmpty());
        assertEquals(20, neustadt.candidates().size(), "every Neustadt of the register");
        assertTrue(
                neustadt.candidates().stream().allMatch(m -> m.displayName().contains("Neustadt")));
        MunicipalityRegister.Resolution none = register.resolve("Xyzzyqx");
        assertTrue(none.match().isEmpty());
        assertTrue(none.candidates().isEmpty());
        assertTrue(register.resolve("").match().isEmpty());
    }
}
