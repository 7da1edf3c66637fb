package de.mitzeichnen.municipality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SearchKeysTest {

    @Test
    void umlautsTheirSpellingsAndPlainVowelsMeet() {
        assertEquals("munchen", SearchKeys.key("München"));
        assertEquals("munchen", SearchKeys.key("Muenchen"));
        assertEquals("munchen", SearchKeys.key("MUNCHEN"));
        assertEquals("gross gerau", SearchKeys.key("Groß-Gerau"));
        assertEquals("gross gerau", SearchKeys.key("gross gerau"));
        assertEquals("zurich", SearchKeys.key("Zürich"));
        assertEquals("zurich", SearchKeys.key("Zuerich"));
        assertEquals("frankfurt oder", SearchKeys.key("Frankfurt (Oder)"));
        assertEquals("st ingbert", SearchKeys.key("Sankt Ingbert"));
        assertEquals("st ingbert", SearchKeys.key("St. Ingbert"));
        assertEquals("krakow", SearchKeys.key("Kraków"));
        assertEquals("", SearchKeys.key("  – "));
    }

    @Test
    void theStrictKeyKeepsUmlautsApart() {
        assertEquals("muenchen", SearchKeys.strictKey("München"));
        assertEquals("munchen", SearchKeys.strictKey("Munchen"));
    }
}
