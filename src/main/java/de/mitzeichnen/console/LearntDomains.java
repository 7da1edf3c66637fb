package de.mitzeichnen.console;

import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mail domains an appeal has taught us: the domains of its confirmed signatures whose address someone vouched for
 * (signed through a personal invitation, or checked by the organiser) and that are not yet registered for the
 * signer's municipality. Free-mail domains never qualify.
 */
@Singleton
@Connectable
class LearntDomains {

    /** A domain used for a municipality by {@code signatures} vouched-for signers of the appeal. */
    record Learnt(String domain, String ags, String municipality, long signatures) {
    }

    private final JdbcOperations jdbc;
    private final MailDomains domains;
    private final MunicipalityRegister register;

    LearntDomains(JdbcOperations jdbc, MailDomains domains, MunicipalityRegister register) {
        this.jdbc = jdbc;
        this.domains = domains;
        this.register = register;
    }

    List<Learnt> of(long appealId) {
        List<Object[]> found = jdbc.prepareStatement("""
                SELECT SUBSTRING_INDEX(email_key, '@', -1), municipality_ags, COUNT(*)
                  FROM signature
                 WHERE appeal_id = ? AND status = 'CONFIRMED' AND trust IN ('VERIFIED_BY_ORGANISER', 'INVITED')
                   AND email_key IS NOT NULL AND municipality_ags IS NOT NULL
                 GROUP BY SUBSTRING_INDEX(email_key, '@', -1), municipality_ags
                 ORDER BY 1, 2""", ps -> {
            ps.setLong(1, appealId);
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3)});
                }
            }
            return out;
        });
        List<Learnt> out = new ArrayList<>();
        for (Object[] row : found) {
            Optional<String> domain = MailDomains.normaliseDomain((String) row[0]);
            String ags = (String) row[1];
            if (domain.isEmpty() || domains.isFreemail(domain.get())) {
                continue;
            }
            // Registered already, for this municipality (itself or a parent domain): nothing to learn.
            if (domains.trustFor("postmaster@" + domain.get(), ags) == DomainTrust.OFFICIAL_DOMAIN) {
                continue;
            }
            Optional<Municipality> place = register.findByAgs(ags);
            if (place.isEmpty()) {
                continue;
            }
            out.add(new Learnt(domain.get(), ags, place.get().displayName(), (Long) row[2]));
        }
        return out;
    }

    /** The learnt domain of the appeal for this municipality, if the appeal has taught it. */
    Optional<Learnt> find(long appealId, String ags, String domain) {
        String d = MailDomains.normaliseDomain(domain).orElse("");
        return of(appealId).stream().filter(l -> l.ags().equals(ags) && l.domain().equals(d)).findFirst();
    }
}
