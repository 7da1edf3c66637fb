package de.mitzeichnen.transparency;

/** A small two-part badge („Mitzeichnen | 12 Kommunen") as SVG, sized from its texts. */
public final class Badge {

    private Badge() {}

    public static String svg(String label, String value) {
        int lw = width(label);
        int vw = width(value);
        int w = lw + vw;
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s: %s">\
                <title>%s: %s</title>\
                <rect width="%d" height="20" rx="3" fill="#3b3b3b"/>\
                <rect x="%d" width="%d" height="20" rx="3" fill="#0b6e4f"/>\
                <rect x="%d" width="4" height="20" fill="#0b6e4f"/>\
                <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">\
                <text x="%d" y="14">%s</text><text x="%d" y="14">%s</text></g></svg>
                """
                .formatted(
                        w,
                        esc(label),
                        esc(value),
                        esc(label),
                        esc(value),
                        w,
                        lw,
                        vw,
                        lw,
                        lw / 2,
                        esc(label),
                        lw + vw / 2,
                        esc(value));
    }

    /** Verdana 11 px averages about 7 px per character; 10 px padding each side. */
    private static int width(String text) {
        return text.codePointCount(0, text.length()) * 7 + 20;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
