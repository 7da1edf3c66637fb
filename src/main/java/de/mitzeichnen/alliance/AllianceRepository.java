package de.mitzeichnen.alliance;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AllianceRepository extends CrudRepository<Alliance, Long> {

    Optional<Alliance> findBySlug(String slug);

    List<Alliance> findByOrganiserIdOrderByNameAsc(Long organiserId);

    List<Alliance> listOrderByName();

    List<Alliance> findByPublicPageTrueOrderByNameAsc();
}
