package de.mitzeichnen.web;

import java.util.HashMap;
import java.util.Map;

/** Page models are mutable maps, so that the layout ({@link PageModel}) can add to them. */
public final class Pages {

    private Pages() {}

    public static Map<String, Object> model(Object... keysAndValues) {
        Map<String, Object> model = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            model.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return model;
    }
}
