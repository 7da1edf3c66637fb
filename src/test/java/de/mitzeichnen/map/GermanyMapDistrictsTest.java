package de.mitzeichnen.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The outlines of supporting Landkreise, to shade them on the map. */
@MicronautTest(transactional = false)
class GermanyMapDistrictsTest {

    @Inject GermanyMap map;

    @Test
    void supportingLandkreiseComeAsOutlinesOnTheMapAndKreisfreieStaedteDoNot() throws Exception {
        // Landkreis Fulda, Kassel (kreisfreie Stadt: signs as a municipality), Märkischer Kreis,
        // Region Hannover
        List<GermanyMap.District> shaded =
                map.districts(List.of("06631", "06611", "05962", "03241", "06631"));
        assertEquals(
                List.of("06631", "05962", "03241"),
                shaded.stream().map(GermanyMap.District::key).toList());
        assertEquals("Fulda", shaded.get(0).name());
        Matcher numbers =
                Pattern.compile("[ML](-?[0-9.]+),(-?[0-9.]+)").matcher(shaded.get(0).path());
        int points = 0;
        while (numbers.find()) {
            double x = Double.parseDouble(numbers.group(1));
            double y = Double.parseDouble(numbers.group(2));
            // Fulda lies in the middle of the drawing
            assertTrue(x > 200 && x < 320 && y > 430 && y < 540, x + "," + y);
            points++;
        }
        assertTrue(points > 10, shaded.get(0).path());
        // one picture of all 293 Landkreise of the 2021 map with the Länder, to look at
        StringBuilder svg =
                new StringBuilder(
                        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 "
                                + map.width()
                                + " "
                                + map.height()
                                + "' width='600'>");
        map.lands()
                .forEach(
                        l ->
                                svg.append("<path d='")
                                        .append(l.path())
                                        .append("' fill='#eee' stroke='#999'/>"));
        List<String> all = List.of("06631", "05962", "03241", "05978", "10041", "09162", "01051");
        map.districts(all)
                .forEach(
                        d ->
                                svg.append("<path fill-rule='evenodd' d='")
                                        .append(d.path())
                                        .append(
                                                "' fill='#2a7' stroke='#fff' stroke-width='0.5'/>"));
        Files.writeString(Path.of("target/kreise-map.svg"), svg.append("</svg>"));
    }
}
