package de.mitzeichnen.appeal;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of roles as a comma-separated list of their codes. */
@Singleton
public class RolesConverter implements AttributeConverter<Set<SignerRole>, String> {

    @Override
    public String convertToPersistedValue(Set<SignerRole> roles, ConversionContext context) {
        return roles == null
                ? null
                : roles.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<SignerRole> convertToEntityValue(String value, ConversionContext context) {
        EnumSet<SignerRole> roles = EnumSet.noneOf(SignerRole.class);
        if (value != null && !value.isBlank()) {
            Arrays.stream(value.split(","))
                    .map(SignerRole::parse)
                    .forEach(r -> r.ifPresent(roles::add));
        }
        return roles;
    }
}
