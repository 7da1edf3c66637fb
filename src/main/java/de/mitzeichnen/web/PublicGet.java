package de.mitzeichnen.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a GET route whose answer is the same for every visitor, so that browsers, nginx and CDNs
 * may share it: {@link PublicGetFilter} drops any cookie, sets a public {@code Cache-Control}, an
 * {@code ETag} and answers {@code If-None-Match} with 304; the page language comes from {@code
 * ?lang=} only (German without it). Only for pages without per-visitor content (no form token in
 * the page).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicGet {}
