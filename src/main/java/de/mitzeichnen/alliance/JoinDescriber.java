package de.mitzeichnen.alliance;

import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Locale;

/** A declaration's place and role in words, for its pages, mails and the console. */
@Singleton
class JoinDescriber {

    private final Places places;
    private final Texts texts;

    JoinDescriber(Places places, Texts texts) {
        this.places = places;
        this.texts = texts;
    }

    /**
     * @param place the register's name („Frankfurt am Main", „Landkreis Fulda"), or the name typed
     *     with its country („Zürich (Schweiz)")
     * @param region the Land, or the country abroad
     * @param role the role word, or the declarant's own words for „Andere Funktion"
     */
    record Described(String place, @Nullable String region, String role) {}

    Described describe(JoinDeclaration d, Locale locale) {
        String role = d.otherRole() ? d.roleOther() : texts.get(locale, d.role().messageKey());
        if (d.target() instanceof MemberTarget.Foreign f) {
            String country = Places.countryName(f.country(), locale);
            return new Described(f.name() + " (" + country + ")", country, role);
        }
        MemberPlace place =
                d.target() instanceof MemberTarget.Municipality m
                        ? MemberPlace.municipality(m.ags())
                        : MemberPlace.district(((MemberTarget.District) d.target()).key());
        PlaceInfo info = places.info(place, locale);
        return new Described(info.name(), info.landName(), role);
    }
}
