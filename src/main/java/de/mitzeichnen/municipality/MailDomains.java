package de.mitzeichnen.municipality;

import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.email.MailDomain;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry of official mail domains of municipalities and Landkreise, and the judgement of an
 * address against it. Operators import domains ({@link DomainCsvImport}) or add the one a signer
 * used with one click in the console; free-mail domains ({@link FreemailDomains}) are never
 * registered. Domains are compared in their ASCII (punycode) form.
 */
@Singleton
public class MailDomains {

    private final MunicipalityDomainRepository repository;
    private final MunicipalityRegister register;
    private final FreemailDomains freemail;
    private final DomainCsvImport csvImport;
    private final Clock clock;

    MailDomains(
            MunicipalityDomainRepository repository,
            MunicipalityRegister register,
            FreemailDomains freemail,
            DomainCsvImport csvImport,
            Clock clock) {
        this.repository = repository;
        this.register = register;
        this.freemail = freemail;
        this.csvImport = csvImport;
        this.clock = clock;
    }

    /**
     * How far the address speaks for the municipality (8-digit AGS) or Landkreis (5-digit key):
     * {@link DomainTrust#OFFICIAL_DOMAIN} when its domain (or a parent domain: rathaus.stadt-x.de →
     * stadt-x.de) is registered for it; {@link DomainTrust#OTHER_MUNICIPALITY} when registered only
     * for others; {@link DomainTrust#FREEMAIL}; else {@link DomainTrust#UNKNOWN} (also for
     * something that is not an address).
     */
    public DomainTrust trustFor(String email, String ags) {
        Optional<String> domain = domainOf(email);
        if (domain.isEmpty()) {
            return DomainTrust.UNKNOWN;
        }
        List<MunicipalityDomain> registered =
                repository.findByDomainIn(selfAndParents(domain.get()));
        String wanted = ags == null ? "" : ags.strip();
        if (registered.stream().anyMatch(d -> d.ags().equals(wanted))) {
            return DomainTrust.OFFICIAL_DOMAIN;
        }
        if (!registered.isEmpty()) {
            return DomainTrust.OTHER_MUNICIPALITY;
        }
        return isFreemail(domain.get()) ? DomainTrust.FREEMAIL : DomainTrust.UNKNOWN;
    }

    /**
     * Whether the domain (or a parent of it) belongs to a free-mail provider; any "yahoo" domain
     * does.
     */
    public boolean isFreemail(String domain) {
        return freemail.isFreemail(domain);
    }

    /**
     * Registers a domain for a municipality (8-digit AGS) or a Landkreis (5-digit key); idempotent,
     * a second call with {@code verified} marks it verified.
     *
     * @throws DomainException for an unknown key, an invalid domain or a free-mail domain
     */
    public void addDomain(String ags, String domain, String source, boolean verified) {
        String a = ags == null ? "" : ags.strip();
        if (!isPlaceKey(register, a)) {
            throw new DomainException("municipality.domain.unknownAgs", a);
        }
        String d = checkedDomain(domain);
        String s = source == null || source.isBlank() ? "manual" : source.strip();
        s = s.length() > 100 ? s.substring(0, 100) : s;
        Optional<MunicipalityDomain> existing = repository.findByAgsAndDomain(a, d);
        if (existing.isPresent()) {
            if (verified && !existing.get().verified()) {
                repository.updateVerified(existing.get().id(), true);
            }
            return;
        }
        try {
            repository.save(new MunicipalityDomain(null, a, d, s, verified, now()));
        } catch (DataAccessException raced) {
            // Added by someone else a moment ago (unique ags + domain).
            MunicipalityDomain other = repository.findByAgsAndDomain(a, d).orElseThrow(() -> raced);
            if (verified && !other.verified()) {
                repository.updateVerified(other.id(), true);
            }
        }
    }

    /**
     * Registered domains for the console's list, alphabetically, at most {@code limit}: all, or
     * those whose domain contains the text, or those of the places whose name starts with it.
     */
    public List<MunicipalityDomain> list(String query, int limit) {
        Pageable page = Pageable.from(0, limit);
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        if (q.isEmpty()) {
            return repository.listOrderByDomain(page);
        }
        List<MunicipalityDomain> out =
                new ArrayList<>(repository.findByDomainContainsOrderByDomain(q, page));
        List<String> places = register.search(q, 50).stream().map(Municipality::ags).toList();
        if (!places.isEmpty() && out.size() < limit) {
            for (MunicipalityDomain d : repository.findByAgsInOrderByDomain(places, page)) {
                if (out.size() < limit && out.stream().noneMatch(o -> o.id().equals(d.id()))) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Removes a registered domain; signatures already confirmed keep the trust they got. */
    public Optional<MunicipalityDomain> remove(long id) {
        Optional<MunicipalityDomain> d = repository.findById(id);
        d.ifPresent(repository::delete);
        return d;
    }

    /** The domains registered for a municipality or Landkreis, alphabetically. */
    public List<MunicipalityDomain> domainsOf(String ags) {
        return repository.findByAgsOrderByDomain(ags == null ? "" : ags.strip());
    }

    /** {@link #importCsv(InputStream, String)} with source "csv-import". */
    public DomainImportReport importCsv(InputStream in) {
        return importCsv(in, DomainCsvImport.CSV_SOURCE);
    }

    /**
     * Imports a CSV with the header {@code ags,domain} (separated by "," or ";"; {@code ags} is an
     * 8-digit AGS or a Landkreis's 5-digit key; see {@link DomainCsvImport}). A file with any error
     * changes nothing.
     */
    public DomainImportReport importCsv(InputStream in, String source) {
        return csvImport.importCsv(in, source);
    }

    /** An 8-digit AGS of the register or the 5-digit key of a Landkreis (or equivalent). */
    static boolean isPlaceKey(MunicipalityRegister register, String key) {
        if (key.matches("[0-9]{8}")) {
            return register.findByAgs(key).isPresent();
        }
        return key.matches("[0-9]{5}") && register.district(key).isPresent();
    }

    private String checkedDomain(String domain) {
        Optional<String> d = normaliseDomain(domain);
        if (d.isEmpty()) {
            throw new DomainException("municipality.domain.invalid", domain == null ? "" : domain);
        }
        if (isFreemail(d.get())) {
            throw new DomainException("municipality.domain.freemail", d.get());
        }
        return d.get();
    }

    /**
     * The ASCII domain of an address; empty when the text is not an address this code base accepts.
     */
    static Optional<String> domainOf(String email) {
        return EmailAddress.parse(email).map(EmailAddress::asciiDomain);
    }

    /**
     * A domain in its stored form (lower case, ASCII/punycode by UTS #46, no trailing dot), or
     * empty when it is not a valid host name with at least two labels or mixes scripts:
     * "Stadt-Müllheim.DE." → "xn--stadt-mllheim-2ob.de".
     */
    public static Optional<String> normaliseDomain(String raw) {
        return Optional.ofNullable(MailDomain.check(raw).domain()).map(MailDomain::ascii);
    }

    /**
     * "a.b.stadt-x.de" → [a.b.stadt-x.de, b.stadt-x.de, stadt-x.de]: the domain and its parents,
     * not the TLD.
     */
    static List<String> selfAndParents(String domain) {
        List<String> out = new ArrayList<>();
        String d = domain;
        while (d.indexOf('.') > 0) {
            out.add(d);
            d = d.substring(d.indexOf('.') + 1);
        }
        return out;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
