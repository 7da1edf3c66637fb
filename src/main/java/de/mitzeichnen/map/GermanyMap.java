package de.mitzeichnen.map;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain SVG map of Germany for the public pages: the Länder outlines (BKG VG5000, simplified) as paths, and a way
 * to place points by latitude/longitude. Server-rendered, so it needs no JavaScript and no map service.
 */
@Singleton
public class GermanyMap {

    /** Width of the drawing in SVG units; the height follows from the projection. */
    static final double WIDTH = 600;
    private static final double WEST = 5.8;
    private static final double EAST = 15.1;
    private static final double NORTH = 55.1;
    private static final double SOUTH = 47.2;
    // Equirectangular with the scale of the centre latitude (about 51°): good enough at this size.
    private static final double X_SCALE = WIDTH / (EAST - WEST);
    private static final double Y_SCALE = X_SCALE / Math.cos(Math.toRadians(51.2));

    /** One Land outline as an SVG path. */
    public record Land(String ags, String name, String path) {
    }

    /** A point on the map. */
    public record Point(double x, double y) {
    }

    private final List<Land> lands;

    GermanyMap(JsonMapper json) {
        this.lands = load(json);
    }

    public List<Land> lands() {
        return lands;
    }

    public double width() {
        return WIDTH;
    }

    public double height() {
        return Math.round((NORTH - SOUTH) * Y_SCALE);
    }

    public Point project(double lat, double lon) {
        return new Point(round((lon - WEST) * X_SCALE), round((NORTH - lat) * Y_SCALE));
    }

    @SuppressWarnings("unchecked")
    private List<Land> load(JsonMapper json) {
        try (InputStream in = GermanyMap.class.getResourceAsStream("/geo/laender_vg5000_2021.geojson")) {
            Map<String, Object> collection = json.readValue(in, Argument.mapOf(String.class, Object.class));
            List<Land> out = new ArrayList<>();
            for (Object f : (List<Object>) collection.get("features")) {
                Map<String, Object> feature = (Map<String, Object>) f;
                Map<String, Object> props = (Map<String, Object>) feature.get("properties");
                Map<String, Object> geometry = (Map<String, Object>) feature.get("geometry");
                List<Object> polygons = "MultiPolygon".equals(geometry.get("type"))
                        ? (List<Object>) geometry.get("coordinates") : List.of(geometry.get("coordinates"));
                StringBuilder path = new StringBuilder();
                for (Object polygon : polygons) {
                    for (Object ring : (List<Object>) polygon) {
                        boolean first = true;
                        for (Object c : (List<Object>) ring) {
                            List<Number> xy = (List<Number>) c;
                            Point p = project(xy.get(1).doubleValue(), xy.get(0).doubleValue());
                            path.append(first ? 'M' : 'L').append(fmt(p.x())).append(',').append(fmt(p.y()));
                            first = false;
                        }
                        path.append('Z');
                    }
                }
                out.add(new Land((String) props.get("ags"), (String) props.get("name"), path.toString()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("The map outlines could not be read", e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
