package de.mitzeichnen.municipality;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ForeignMunicipalityRepository extends CrudRepository<ForeignMunicipalityRow, Long> {

    Optional<ForeignMunicipalityRow> findByCountryAndNormalizedName(String country, String normalizedName);

    /** Names starting with the key, or with a word starting with it; the keys are plain a–z, 0–9 and spaces. */
    @Query(value = "SELECT * FROM foreign_municipality WHERE normalized_name LIKE CONCAT(:key, '%')"
            + " OR normalized_name LIKE CONCAT('% ', :key, '%')"
            + " ORDER BY CASE WHEN normalized_name LIKE CONCAT(:key, '%') THEN 0 ELSE 1 END, normalized_name, country"
            + " LIMIT :limit",
            nativeQuery = true)
    List<ForeignMunicipalityRow> search(String key, int limit);
}
