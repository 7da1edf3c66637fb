package de.mitzeichnen.export;

/**
 * Asked before every export of an appeal's signatures; throws (an exception with its own error
 * page) when the export must not happen. Implemented by features the console must not depend on
 * (e.g. retention).
 */
public interface ExportGuard {

    void check(long appealId);
}
