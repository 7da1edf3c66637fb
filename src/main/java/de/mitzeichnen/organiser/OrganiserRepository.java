package de.mitzeichnen.organiser;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface OrganiserRepository extends CrudRepository<Organiser, Long> {

    Optional<Organiser> findByName(String name);
}
