package de.mitzeichnen.organiser;

/**
 * What kind of organisation runs appeals: a city or town, a district (Kreis), or an association.
 */
public enum OrganiserKind {
    CITY,
    DISTRICT,
    ASSOCIATION
}
