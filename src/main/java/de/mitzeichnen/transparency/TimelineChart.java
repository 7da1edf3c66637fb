package de.mitzeichnen.transparency;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Geometry of the timeline chart (an SVG the template draws): counted places per day as bars and
 * their running total as a line on the left axis, the running total of signatures as a dashed line
 * on the right axis.
 */
public record TimelineChart(
        int width,
        int height,
        int left,
        int right,
        int top,
        int bottom,
        List<Bar> bars,
        String placesLine,
        String signaturesLine,
        List<Tick> placeTicks,
        List<Tick> signatureTicks,
        List<Tick> dateTicks) {

    public record Bar(double x, double y, double w, double h, PublicSupport.Day day) {}

    public record Tick(double at, long value, PublicSupport.Day day) {}

    public static TimelineChart of(List<PublicSupport.Day> days) {
        int width = 720;
        int height = 260;
        int left = 64;
        int right = 64;
        int top = 16;
        int bottom = 44;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        long maxPlaces = Math.max(1, days.isEmpty() ? 1 : days.get(days.size() - 1).places());
        long maxSignatures =
                Math.max(1, days.isEmpty() ? 1 : days.get(days.size() - 1).signatures());
        long placeScale = niceCeiling(maxPlaces);
        long signatureScale = niceCeiling(maxSignatures);
        int n = Math.max(1, days.size());
        double step = plotW / n;
        List<Bar> bars = new ArrayList<>();
        StringBuilder places = new StringBuilder();
        StringBuilder signatures = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            PublicSupport.Day d = days.get(i);
            double x = left + i * step;
            double cx = x + step / 2;
            double h = plotH * d.newPlaces() / placeScale;
            bars.add(
                    new Bar(
                            round(x + step * 0.15),
                            round(top + plotH - h),
                            round(step * 0.7),
                            round(h),
                            d));
            places.append(i == 0 ? "M" : " L")
                    .append(round(cx))
                    .append(' ')
                    .append(round(top + plotH - plotH * d.places() / placeScale));
            signatures
                    .append(i == 0 ? "M" : " L")
                    .append(round(cx))
                    .append(' ')
                    .append(round(top + plotH - plotH * d.signatures() / signatureScale));
        }
        List<Tick> placeTicks = new ArrayList<>();
        List<Tick> signatureTicks = new ArrayList<>();
        for (int k = 0; k <= 4; k++) {
            double y = round(top + plotH - plotH * k / 4);
            placeTicks.add(new Tick(y, placeScale * k / 4, null));
            signatureTicks.add(new Tick(y, signatureScale * k / 4, null));
        }
        List<Tick> dateTicks = new ArrayList<>();
        if (!days.isEmpty()) {
            int every = Math.max(1, (int) Math.ceil(days.size() / 6.0));
            for (int i = 0; i < days.size(); i += every) {
                dateTicks.add(new Tick(round(left + i * step + step / 2), 0, days.get(i)));
            }
        }
        return new TimelineChart(
                width,
                height,
                left,
                right,
                top,
                bottom,
                bars,
                places.toString(),
                signatures.toString(),
                placeTicks,
                signatureTicks,
                dateTicks);
    }

    /**
     * The smallest of 1, 2, 4, 5, 8 × 10^k that is ≥ n and divides into four even ticks where
     * possible.
     */
    static long niceCeiling(long n) {
        if (n <= 4) {
            return 4;
        }
        long magnitude = 1;
        while (magnitude * 10 < n) {
            magnitude *= 10;
        }
        for (long f : new long[] {1, 2, 4, 5, 8, 10}) {
            if (f * magnitude >= n && (f * magnitude) % 4 == 0) {
                return f * magnitude;
            }
        }
        return 20 * magnitude;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    public int plotBottom() {
        return height - bottom;
    }

    public int plotRight() {
        return width - right;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
