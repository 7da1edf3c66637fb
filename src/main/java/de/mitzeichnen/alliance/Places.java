package de.mitzeichnen.alliance;

import de.mitzeichnen.municipality.District;
import de.mitzeichnen.municipality.ForeignMunicipalities;
import de.mitzeichnen.municipality.ForeignMunicipality;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Members' places through the municipality feature's API: what a form field or a file cell names
 * (as the sign form reads it: an AGS, a Landkreis key, „Name (AGS)" from the type-ahead, a name;
 * abroad a country and a name), and the register's names, Länder, inhabitants and map points of
 * stored members.
 */
@Singleton
class Places {

    private static final Pattern KEY_AT_END = Pattern.compile("\\((\\d{5}|\\d{8})\\)\\s*$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final MunicipalityRegister register;
    private final ForeignMunicipalities foreign;

    Places(MunicipalityRegister register, ForeignMunicipalities foreign) {
        this.register = register;
        this.foreign = foreign;
    }

    /**
     * What a text names: a target, or the message key of why not, with the municipalities to choose
     * from when the name is ambiguous.
     */
    record Resolved(
            @Nullable MemberTarget target,
            @Nullable String problem,
            List<Municipality> candidates,
            @Nullable String shown) {
        static Resolved of(MemberTarget target, String shown) {
            return new Resolved(target, null, List.of(), shown);
        }

        static Resolved problem(String key) {
            return new Resolved(null, key, List.of(), null);
        }
    }

    /**
     * Resolves a place as typed. A 7- or 4-digit number is taken as an AGS or Landkreis key whose
     * leading zero a spreadsheet dropped (Excel keeps „01001000" as the number 1001000).
     */
    Resolved resolve(String text, String countryText) {
        String t = text == null ? "" : text.strip();
        String country =
                countryText == null || countryText.isBlank()
                        ? "DE"
                        : countryText.strip().toUpperCase(Locale.ROOT);
        if (hasControl(t) || hasControl(country)) {
            return Resolved.problem("alliance.error.place.control");
        }
        if (t.isEmpty()) {
            return Resolved.problem("alliance.error.place.required");
        }
        if (t.length() > 200) {
            return Resolved.problem("alliance.error.place.unknown");
        }
        if (!COUNTRIES.contains(country)) {
            return Resolved.problem("alliance.error.country");
        }
        if (!country.equals("DE")) {
            String problem =
                    startsLikeFormula(t)
                            ? "alliance.error.place.formula"
                            : ForeignMunicipalities.nameProblem(t);
            return problem != null
                    ? Resolved.problem(problem)
                    : Resolved.of(new MemberTarget.Foreign(country, t), t + " (" + country + ")");
        }
        if (t.matches("\\d{7}|\\d{4}")) {
            t = "0" + t;
        }
        Matcher keyAtEnd = KEY_AT_END.matcher(t);
        String key = keyAtEnd.find() ? keyAtEnd.group(1) : t;
        if (key.matches("\\d{8}")) {
            Optional<Municipality> m = register.findByAgs(key);
            if (m.isEmpty()) {
                return Resolved.problem("alliance.error.place.unknown");
            }
            if (!m.get().active()) {
                return Resolved.problem("alliance.error.place.inactive");
            }
            return municipality(m.get());
        }
        MunicipalityRegister.PlaceResolution r = register.resolvePlace(t);
        if (r.district().isPresent()) {
            District d = r.district().get();
            return Resolved.of(
                    new MemberTarget.District(d.key()), d.displayName() + " (" + d.key() + ")");
        }
        if (r.municipality().isPresent()) {
            return municipality(r.municipality().get());
        }
        if (!r.candidates().isEmpty()) {
            return new Resolved(null, "alliance.error.place.choose", r.candidates(), null);
        }
        return Resolved.problem("alliance.error.place.unknown");
    }

    private static Resolved municipality(Municipality m) {
        return Resolved.of(
                new MemberTarget.Municipality(m.ags(), m.gebietsstand()),
                m.displayName() + " (" + m.ags() + ")");
    }

    /** The stored place of a target, if it has one already (a place abroad may not yet). */
    Optional<MemberPlace> placeOf(MemberTarget target) {
        if (target instanceof MemberTarget.Municipality m) {
            return Optional.of(MemberPlace.municipality(m.ags()));
        }
        if (target instanceof MemberTarget.District d) {
            return Optional.of(MemberPlace.district(d.key()));
        }
        MemberTarget.Foreign f = (MemberTarget.Foreign) target;
        return foreign.find(f.country(), f.name()).map(x -> MemberPlace.foreign(x.id()));
    }

    /** The stored place of a target, creating a place abroad (only when storing a member). */
    MemberPlace store(MemberTarget target) {
        if (target instanceof MemberTarget.Foreign f) {
            ForeignMunicipality created = foreign.findOrCreate(f.country(), f.name());
            // the organiser vouches for it: it may appear in the type-ahead like a confirmed one
            foreign.markListed(created.id());
            return MemberPlace.foreign(created.id());
        }
        return placeOf(target).orElseThrow();
    }

    /** The places of stored members, named from the register (one query for places abroad). */
    List<MemberRow> rows(Collection<Member> members, Locale locale) {
        List<Long> abroad =
                members.stream()
                        .filter(m -> m.place().kind() == MemberPlace.Kind.FOREIGN)
                        .map(m -> m.place().foreignId())
                        .distinct()
                        .toList();
        Map<Long, ForeignMunicipality> foreignById = foreign.byIds(abroad);
        List<MemberRow> out = new ArrayList<>(members.size());
        for (Member m : members) {
            out.add(new MemberRow(m, info(m.place(), foreignById, locale)));
        }
        return out;
    }

    PlaceInfo info(MemberPlace place, Locale locale) {
        return info(
                place,
                place.kind() == MemberPlace.Kind.FOREIGN
                        ? foreign.byIds(List.of(place.foreignId()))
                        : Map.of(),
                locale);
    }

    private PlaceInfo info(
            MemberPlace place, Map<Long, ForeignMunicipality> foreignById, Locale locale) {
        switch (place.kind()) {
            case MUNICIPALITY -> {
                Optional<Municipality> m = register.findByAgs(place.key());
                if (m.isPresent()) {
                    Municipality x = m.get();
                    return new PlaceInfo(
                            place,
                            x.displayName(),
                            x.landCode(),
                            x.landName(),
                            null,
                            x.population(),
                            x.lat(),
                            x.lon(),
                            x.kreisAgs());
                }
            }
            case DISTRICT -> {
                Optional<District> d = register.district(place.key());
                if (d.isPresent()) {
                    District x = d.get();
                    return new PlaceInfo(
                            place,
                            x.displayName(),
                            x.landCode(),
                            x.landName(),
                            null,
                            x.population(),
                            null,
                            null,
                            x.key());
                }
            }
            case FOREIGN -> {
                ForeignMunicipality f = foreignById.get(place.foreignId());
                if (f != null) {
                    return new PlaceInfo(
                            place, f.name(), null, null, f.country(), 0, null, null, null);
                }
            }
        }
        // a key the register no longer knows (a newer register without it): shown as stored
        return new PlaceInfo(place, place.key(), null, null, null, 0, null, null, null);
    }

    /** The country's name in the reader's language. */
    static String countryName(String iso2, Locale locale) {
        return new Locale("", iso2).getDisplayCountry(locale);
    }

    static boolean hasControl(String s) {
        return s.codePoints()
                .anyMatch(
                        c ->
                                Character.isISOControl(c)
                                        || (c >= 0x202A && c <= 0x202E)
                                        || (c >= 0x2066 && c <= 0x2069));
    }

    static boolean startsLikeFormula(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    }
}
