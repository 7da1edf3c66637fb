package de.mitzeichnen.alliance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins over time, as an SVG the template draws and the same numbers as a table: per month (or per
 * year, when the alliance is older than three years) the members who joined and left, as bars, and
 * the members at the end of each period, as a line — both on one axis, like the appeal's timeline.
 */
public record JoinsChart(
        int width,
        int height,
        int left,
        int right,
        int top,
        int bottom,
        List<Bar> bars,
        String membersLine,
        List<Tick> ticks,
        List<Tick> periodTicks,
        List<Period> periods,
        boolean yearly) {

    /**
     * One period: its first day and its name („2019", „06/2019"), who joined and who left in it,
     * and the members at its end.
     */
    public record Period(LocalDate start, String label, long joined, long left, long members) {}

    public record Bar(double x, double y, double w, double h, Period period) {}

    public record Tick(double at, long value, Period period) {}

    /** The first day anyone joined (until {@code today}), or null. */
    private static LocalDate first(List<Member> all, LocalDate today) {
        LocalDate first = null;
        for (Member m : all) {
            if (!m.joinedOn().isAfter(today) && (first == null || m.joinedOn().isBefore(first))) {
                first = m.joinedOn();
            }
        }
        return first;
    }

    /** Per year when the first joining lies more than three years back, else per month. */
    static boolean yearly(List<Member> all, LocalDate today) {
        LocalDate first = first(all, today);
        return first != null
                && YearMonth.from(first).plusMonths(36).isBefore(YearMonth.from(today));
    }

    /** The periods from the first joining until {@code today}. */
    static List<Period> periods(List<Member> all, LocalDate today) {
        LocalDate first = first(all, today);
        List<Period> out = new ArrayList<>();
        if (first == null) {
            return out;
        }
        boolean yearly = yearly(all, today);
        LocalDate start = yearly ? first.withDayOfYear(1) : first.withDayOfMonth(1);
        while (!start.isAfter(today)) {
            LocalDate next = yearly ? start.plusYears(1) : start.plusMonths(1);
            LocalDate from = start;
            long joined =
                    all.stream()
                            .filter(
                                    m ->
                                            !m.joinedOn().isBefore(from)
                                                    && m.joinedOn().isBefore(next))
                            .filter(m -> !m.joinedOn().isAfter(today))
                            .count();
            long left =
                    all.stream()
                            .filter(
                                    m ->
                                            m.leftOn() != null
                                                    && !m.leftOn().isBefore(from)
                                                    && m.leftOn().isBefore(next)
                                                    && !m.leftOn().isAfter(today))
                            .count();
            LocalDate end = next.isAfter(today) ? today : next.minusDays(1);
            long members = all.stream().filter(m -> m.inForceOn(end)).count();
            String label =
                    yearly
                            ? Integer.toString(start.getYear())
                            : String.format(
                                    java.util.Locale.ROOT,
                                    "%02d/%d",
                                    start.getMonthValue(),
                                    start.getYear());
            out.add(new Period(start, label, joined, left, members));
            start = next;
        }
        return out;
    }

    static JoinsChart of(List<Period> periods, boolean yearly) {
        int width = 720;
        int height = 260;
        int left = 64;
        int right = 24;
        int top = 16;
        int bottom = 44;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        long max = 1;
        for (Period p : periods) {
            max = Math.max(max, Math.max(p.members(), p.joined()));
        }
        long scale = niceCeiling(max);
        int n = Math.max(1, periods.size());
        double step = plotW / n;
        List<Bar> bars = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < periods.size(); i++) {
            Period p = periods.get(i);
            double x = left + i * step;
            double h = plotH * p.joined() / scale;
            bars.add(
                    new Bar(
                            round(x + step * 0.15),
                            round(top + plotH - h),
                            round(step * 0.7),
                            round(h),
                            p));
            line.append(i == 0 ? "M" : " L")
                    .append(round(x + step / 2))
                    .append(' ')
                    .append(round(top + plotH - plotH * p.members() / scale));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int k = 0; k <= 4; k++) {
            ticks.add(new Tick(round(top + plotH - plotH * k / 4), scale * k / 4, null));
        }
        List<Tick> periodTicks = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(periods.size() / 6.0));
        for (int i = 0; i < periods.size(); i += every) {
            periodTicks.add(new Tick(round(left + i * step + step / 2), 0, periods.get(i)));
        }
        return new JoinsChart(
                width,
                height,
                left,
                right,
                top,
                bottom,
                bars,
                line.toString(),
                ticks,
                periodTicks,
                periods,
                yearly);
    }

    /** The smallest of 4, 8, 20, 40, 80, 200 … that is ≥ n: four even ticks. */
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
}
