package de.mitzeichnen.municipality;

import java.util.List;

/**
 * One problem found in an imported file: the line it is on (1-based; 0 for the file as a whole), a
 * message key in the {@code municipality.} bundle block and its arguments. Render with {@code
 * texts.get(locale, e.messageKey(), e.args().toArray())}; the line number is always argument {0}.
 */
public record LineError(int line, String messageKey, List<String> args) {

    static LineError of(int line, String messageKey, Object... more) {
        String[] all = new String[more.length + 1];
        all[0] = String.valueOf(line);
        for (int i = 0; i < more.length; i++) {
            all[i + 1] = String.valueOf(more[i]);
        }
        return new LineError(line, messageKey, List.of(all));
    }
}
