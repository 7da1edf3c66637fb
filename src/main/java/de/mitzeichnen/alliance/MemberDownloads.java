package de.mitzeichnen.alliance;

import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * An alliance's member list for machines: the memberships in force on at least one day of a range
 * (without a range: today), as the API's JSON and as CSV for spreadsheets (semicolons, UTF-8 with
 * BOM, cells that a spreadsheet would take for a formula neutralised).
 */
@Singleton
class MemberDownloads {

    /** A range of days, both ends included. */
    record Range(LocalDate since, LocalDate until) {}

    private final Memberships memberships;
    private final ObjectMapper json;
    private final Texts texts;

    MemberDownloads(Memberships memberships, ObjectMapper json, Texts texts) {
        this.memberships = memberships;
        this.json = json;
        this.texts = texts;
    }

    /**
     * The range the parameters ask for: missing {@code since} is {@code until} (or today), missing
     * {@code until} is today (or {@code since} if that lies later); empty when a parameter is no
     * date or {@code until} lies before {@code since}.
     */
    Optional<Range> range(@Nullable String since, @Nullable String until) {
        LocalDate today = memberships.today();
        LocalDate s = blank(since) ? null : Dates.parse(since);
        LocalDate u = blank(until) ? null : Dates.parse(until);
        if ((!blank(since) && s == null) || (!blank(until) && u == null)) {
            return Optional.empty();
        }
        if (u == null) {
            u = s != null && s.isAfter(today) ? s : today;
        }
        if (s == null) {
            s = u;
        }
        return u.isBefore(s) ? Optional.empty() : Optional.of(new Range(s, u));
    }

    /** The memberships in the range, named, by Land (abroad last) and name. */
    List<MemberRow> rows(Alliance alliance, Range range, Locale locale) {
        List<MemberRow> rows =
                new ArrayList<>(
                        memberships.named(
                                memberships.between(alliance.id(), range.since(), range.until()),
                                locale));
        Collator collator = Collator.getInstance(Locale.GERMAN);
        rows.sort(
                Comparator.comparing(
                                (MemberRow r) ->
                                        r.place().landCode() == null ? "~" : r.place().landCode())
                        .thenComparing(r -> r.place().name(), collator)
                        .thenComparing(r -> r.member().joinedOn()));
        return rows;
    }

    AllianceJson.Members members(Alliance alliance, Range range, Locale locale) {
        List<AllianceJson.Member> out =
                rows(alliance, range, locale).stream().map(MemberDownloads::member).toList();
        return new AllianceJson.Members(
                alliance.slug(),
                range.since().toString(),
                range.until().toString(),
                out.size(),
                out);
    }

    static AllianceJson.Member member(MemberRow r) {
        PlaceInfo p = r.place();
        Member m = r.member();
        return new AllianceJson.Member(
                p.place().kind().name().toLowerCase(Locale.ROOT),
                p.ags(),
                p.country(),
                p.name(),
                p.landCode() == null ? null : new AllianceJson.Land(p.landCode(), p.landName()),
                p.population(),
                m.joinedOn().toString(),
                m.leftOn() == null ? null : m.leftOn().toString(),
                m.basis());
    }

    byte[] json(Alliance alliance, Range range, Locale locale) {
        try {
            return json.writeValueAsBytes(members(alliance, range, locale));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] csv(Alliance alliance, Range range, Locale locale) {
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter csv =
                new CSVPrinter(out, CSVFormat.RFC4180.builder().setDelimiter(';').get())) {
            csv.printRecord((Object[]) texts.get(locale, "alliance.csv.header").split(";"));
            for (MemberRow r : rows(alliance, range, locale)) {
                PlaceInfo p = r.place();
                Member m = r.member();
                csv.printRecord(
                        p.landCode() == null ? "" : p.landCode(),
                        cell(p.landName()),
                        p.ags() == null ? "" : p.ags(),
                        p.country() == null ? "DE" : p.country(),
                        cell(p.name()),
                        texts.get(
                                locale,
                                "alliance.kind."
                                        + p.place().kind().name().toLowerCase(Locale.ROOT)),
                        p.population(),
                        m.joinedOn().toString(),
                        m.leftOn() == null ? "" : m.leftOn().toString(),
                        cell(m.basis()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Neutralises a cell a spreadsheet would read as a formula (OWASP CSV injection). */
    static String cell(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
