package de.mitzeichnen.appeal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AppealVersionRepository extends CrudRepository<AppealVersion, Long> {

    List<AppealVersion> findByAppealIdOrderByVersionNo(Long appealId);

    Optional<AppealVersion> findFirstByAppealIdOrderByVersionNoDesc(Long appealId);
}
