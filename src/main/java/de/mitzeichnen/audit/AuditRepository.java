package de.mitzeichnen.audit;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditRepository extends CrudRepository<AuditEntry, Long> {

    Page<AuditEntry> findAll(Pageable pageable);

    Page<AuditEntry> findByOrganiserId(Long organiserId, Pageable pageable);

    List<AuditEntry> findByAppealId(Long appealId, Pageable pageable);
}
