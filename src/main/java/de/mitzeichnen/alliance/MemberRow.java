package de.mitzeichnen.alliance;

/** A membership with its place as the pages name it. */
public record MemberRow(Member member, PlaceInfo place) {}
