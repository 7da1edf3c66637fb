package de.mitzeichnen.municipality;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ForeignMunicipalityRepository extends CrudRepository<ForeignMunicipalityRow, Long> {

    Optional<ForeignMunicipalityRow> findByCountryAndNormalizedName(
            String country, String normalizedName);

    void updateListed(@Id Long id, boolean listed);
}
