package de.mitzeichnen.municipality;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface MunicipalityDomainRepository extends CrudRepository<MunicipalityDomain, Long> {

    List<MunicipalityDomain> findByDomainIn(Collection<String> domains);

    List<MunicipalityDomain> findByAgsOrderByDomain(String ags);

    List<MunicipalityDomain> findByAgsIn(Collection<String> ags);

    Optional<MunicipalityDomain> findByAgsAndDomain(String ags, String domain);

    void updateVerified(Long id, boolean verified);

    List<MunicipalityDomain> findByDomainContainsOrderByDomain(String part, Pageable page);

    List<MunicipalityDomain> findByAgsInOrderByDomain(Collection<String> ags, Pageable page);

    List<MunicipalityDomain> listOrderByDomain(Pageable page);
}
