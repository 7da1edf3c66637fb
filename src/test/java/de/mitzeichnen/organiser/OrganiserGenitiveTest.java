package de.mitzeichnen.organiser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * „Ein Aufruf der Stadt Frankfurt am Main": the default form with article, from the name and kind.
 */
class OrganiserGenitiveTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Stadt Frankfurt am Main|CITY|der Stadt Frankfurt am Main",
                "Frankfurt am Main|CITY|der Stadt Frankfurt am Main",
                "Gemeinde Lohheide|CITY|der Gemeinde Lohheide",
                "Landkreis Harburg|DISTRICT|des Landkreises Harburg",
                "Kreis Ostholstein|DISTRICT|des Kreises Ostholstein",
                "Harburg|DISTRICT|des Landkreises Harburg",
                "Markt Garmisch-Partenkirchen|CITY|des Marktes Garmisch-Partenkirchen",
                "Deutscher Städtetag|ASSOCIATION|von Deutscher Städtetag",
            })
    void derived(String name, OrganiserKind kind, String expected) {
        assertEquals(
                expected,
                new Organiser(null, name, kind, null, "a@b.example", null, null, null, null, null)
                        .genitive());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"Deutscher Städtetag|des Deutschen Städtetages"})
    void storedFormWins(String name, String stored) {
        assertEquals(
                stored,
                new Organiser(
                                null,
                                name,
                                OrganiserKind.ASSOCIATION,
                                null,
                                "a@b.example",
                                null,
                                null,
                                null,
                                null,
                                stored)
                        .genitive());
    }
}
