package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealPageExtensions;
import de.mitzeichnen.dashboard.DashboardSection;
import de.mitzeichnen.transparency.SupporterMarks;
import de.mitzeichnen.web.Texts;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an alliance adds to the pages of an appeal it runs: „N von M Mitgliedern haben
 * unterzeichnet" beside the counts on the public page and the „Mitglied" mark on the supporters
 * page (both only for a public alliance, whose members are public anyway), and on the organiser's
 * dashboard every current member with how far it has come (invited, link opened, signed, not yet) —
 * never public, since it names members that have not signed.
 */
@Singleton
class AppealMemberParts
        implements AppealPageExtensions.Contributor, DashboardSection, SupporterMarks {

    /** The dashboard's member list: the alliance, N of M, and every current member's state. */
    record Members(
            Alliance alliance,
            AppealMembers.Share share,
            List<AppealMembers.MemberState> members,
            Map<AppealMembers.State, Long> byState) {}

    private final AppealMembers members;
    private final Places places;
    private final Texts texts;

    AppealMemberParts(AppealMembers members, Places places, Texts texts) {
        this.members = members;
        this.places = places;
        this.texts = texts;
    }

    @Override
    public void contribute(HttpRequest<?> request, Appeal appeal, Map<String, Object> model) {
        members.share(appeal)
                .filter(s -> s.alliance().publicPage())
                .ifPresent(s -> model.put("allianceShare", s));
    }

    @Override
    public Optional<Section> section(Appeal appeal, Locale locale) {
        return members.allianceOf(appeal.id())
                .map(
                        a -> {
                            List<AppealMembers.MemberState> states =
                                    members.progress(a, appeal, locale);
                            long signed =
                                    states.stream()
                                            .filter(m -> m.state() == AppealMembers.State.SIGNED)
                                            .count();
                            return new Section(
                                    "alliance/dashboard-members",
                                    "members",
                                    new Members(
                                            a,
                                            new AppealMembers.Share(a, signed, states.size()),
                                            states,
                                            states.stream()
                                                    .collect(
                                                            Collectors.groupingBy(
                                                                    AppealMembers.MemberState
                                                                            ::state,
                                                                    () ->
                                                                            new java.util.EnumMap<>(
                                                                                    AppealMembers
                                                                                            .State
                                                                                            .class),
                                                                    Collectors.counting()))));
                        });
    }

    @Override
    public Optional<Marked> marked(Appeal appeal, Locale locale) {
        return members.allianceOf(appeal.id())
                .filter(Alliance::publicPage)
                .map(
                        a -> {
                            Set<String> keys =
                                    members.signedMembers(a, appeal).stream()
                                            .map(p -> key(places.info(p, locale)))
                                            .collect(Collectors.toSet());
                            return new Marked(
                                    texts.get(locale, "alliance.supporters.mark"),
                                    texts.get(locale, "alliance.supporters.legend", a.name()),
                                    keys);
                        });
    }

    /** The key the supporters page gives a place: AGS or Landkreis key, abroad „CH:Zürich". */
    static String key(PlaceInfo p) {
        return p.abroad() ? p.country() + ":" + p.name() : p.place().key();
    }
}
