package de.mitzeichnen.moderation;

import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.signing.SignatureSearch;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mail domains an appeal has taught us: the domains of its confirmed signatures whose address
 * someone vouched for (signed through a personal invitation, or checked by the organiser) and that
 * are not yet registered for the signer's municipality. Free-mail domains never qualify.
 */
@Singleton
class LearntDomains {

    /** A domain used for a municipality by {@code signatures} vouched-for signers of the appeal. */
    record Learnt(String domain, String ags, String municipality, long signatures) {}

    private final SignatureSearch search;
    private final MailDomains domains;
    private final MunicipalityRegister register;

    LearntDomains(SignatureSearch search, MailDomains domains, MunicipalityRegister register) {
        this.search = search;
        this.domains = domains;
        this.register = register;
    }

    List<Learnt> of(long appealId) {
        List<Learnt> out = new ArrayList<>();
        for (SignatureSearch.DomainUse row : search.vouchedDomains(appealId)) {
            Optional<String> domain = MailDomains.normaliseDomain(row.domain());
            String ags = row.ags();
            if (domain.isEmpty() || domains.isFreemail(domain.get())) {
                continue;
            }
            // Registered already, for this municipality (itself or a parent domain): nothing to
            // learn.
            if (domains.trustFor("postmaster@" + domain.get(), ags)
                    == DomainTrust.OFFICIAL_DOMAIN) {
                continue;
            }
            Optional<Municipality> place = register.findByAgs(ags);
            if (place.isEmpty()) {
                continue;
            }
            out.add(new Learnt(domain.get(), ags, place.get().displayName(), row.signatures()));
        }
        return out;
    }

    /** The learnt domain of the appeal for this municipality, if the appeal has taught it. */
    Optional<Learnt> find(long appealId, String ags, String domain) {
        String d = MailDomains.normaliseDomain(domain).orElse("");
        return of(appealId).stream()
                .filter(l -> l.ags().equals(ags) && l.domain().equals(d))
                .findFirst();
    }
}
