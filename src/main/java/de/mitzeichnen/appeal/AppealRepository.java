package de.mitzeichnen.appeal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AppealRepository extends CrudRepository<Appeal, Long> {

    Optional<Appeal> findBySlug(String slug);

    List<Appeal> findByStatusInOrderByDeadlineAsc(Collection<AppealStatus> statuses);

    List<Long> findIdByStatusNotEqual(AppealStatus status);

    List<Appeal> findByOrganiserIdOrderByCreatedAtDesc(Long organiserId);

    List<Appeal> findByIdIn(Collection<Long> ids);
}
