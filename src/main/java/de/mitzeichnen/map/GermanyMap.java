package de.mitzeichnen.map;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A plain SVG map of Germany for the public pages: the Länder outlines (BKG VG5000, simplified) as
 * paths, the outlines of the Landkreise that sign (to shade the supporting ones), and a way to
 * place points by latitude/longitude. Server-rendered, so it needs no JavaScript and no map
 * service.
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
    public record Land(String ags, String name, String path) {}

    /**
     * One Landkreis (or equivalent) outline as an SVG path; holes (a kreisfreie Stadt inside it)
     * are rings of their own, so draw it with {@code fill-rule="evenodd"}.
     */
    public record District(String key, String name, String path) {}

    /** A point on the map. */
    public record Point(double x, double y) {}

    private final List<Land> lands;
    private final Map<String, District> districts;

    GermanyMap(JsonMapper json) {
        this.lands =
                load(json, "/geo/laender_vg5000_2021.geojson").stream()
                        .map(o -> new Land(o.key(), o.name(), o.path()))
                        .toList();
        Map<String, District> byKey = new LinkedHashMap<>();
        for (Outline o : load(json, "/geo/kreise_vg5000_2021.geojson")) {
            byKey.put(o.key(), new District(o.key(), o.name(), o.path()));
        }
        this.districts = Collections.unmodifiableMap(byKey);
    }

    /**
     * The outlines of the supporting Landkreise, in the order of the given keys; keys without an
     * outline (a kreisfreie Stadt, a Kreis newer than the 2021 map) are left out.
     */
    public List<District> districts(Collection<String> supportingKreisKeys) {
        return supportingKreisKeys.stream()
                .distinct()
                .map(districts::get)
                .filter(Objects::nonNull)
                .toList();
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

    private record Outline(String key, String name, String path) {}

    @SuppressWarnings("unchecked")
    private List<Outline> load(JsonMapper json, String resource) {
        try (InputStream in = GermanyMap.class.getResourceAsStream(resource)) {
            Map<String, Object> collection =
                    json.readValue(in, Argument.mapOf(String.class, Object.class));
            List<Outline> out = new ArrayList<>();
            for (Object f : (List<Object>) collection.get("features")) {
                Map<String, Object> feature = (Map<String, Object>) f;
                Map<String, Object> props = (Map<String, Object>) feature.get("properties");
                Map<String, Object> geometry = (Map<String, Object>) feature.get("geometry");
                List<Object> polygons =
                        "MultiPolygon".equals(geometry.get("type"))
                                ? (List<Object>) geometry.get("coordinates")
                                : List.of(geometry.get("coordinates"));
                StringBuilder path = new StringBuilder();
                for (Object polygon : polygons) {
                    for (Object ring : (List<Object>) polygon) {
                        boolean first = true;
                        for (Object c : (List<Object>) ring) {
                            List<Number> xy = (List<Number>) c;
                            Point p = project(xy.get(1).doubleValue(), xy.get(0).doubleValue());
                            path.append(first ? 'M' : 'L')
                                    .append(fmt(p.x()))
                                    .append(',')
                                    .append(fmt(p.y()));
                            first = false;
                        }
                        path.append('Z');
                    }
                }
                out.add(
                        new Outline(
                                (String) props.get("ags"),
                                (String) props.get("name"),
                                path.toString()));
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
