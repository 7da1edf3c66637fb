package de.mitzeichnen.municipality;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Destatis GV100AD file ("Gemeindeverzeichnis – alle politisch selbständigen Gemeinden"):
 * fixed-width records of 220 characters, record type in columns 1–2 (10 Land, 20 Regierungsbezirk,
 * 30 Region, 40 Kreis, 50 Gemeindeverband, 60 Gemeinde), positions as in the Datensatzbeschreibung.
 * Every line is checked; a problem becomes a {@link LineError} naming the line, and the caller
 * writes nothing when there is one.
 */
final class Gv100adParser {

    static final int RECORD_LENGTH = 220;
    static final int MAX_ERRORS = 50;

    static final Map<String, String> KREIS_TYPES =
            Map.of(
                    "41",
                    "Kreisfreie Stadt",
                    "42",
                    "Stadtkreis",
                    "43",
                    "Kreis",
                    "44",
                    "Landkreis",
                    "45",
                    "Regionalverband");
    static final Map<String, String> VERBAND_TYPES =
            Map.of(
                    "50",
                    "Verbandsfreie Gemeinde",
                    "51",
                    "Amt",
                    "52",
                    "Samtgemeinde",
                    "53",
                    "Verbandsgemeinde",
                    "54",
                    "Verwaltungsgemeinschaft",
                    "55",
                    "Kirchspielslandgemeinde",
                    "56",
                    "Verwaltungsverband",
                    "57",
                    "VG Trägermodell",
                    "58",
                    "Erfüllende Gemeinde");

    /** Gemeinde types; "Kreisangehörige Gemeinde" is shown as plain "Gemeinde". */
    static final Map<String, String> GEMEINDE_TYPES =
            Map.of(
                    "60",
                    "Markt",
                    "61",
                    "Kreisfreie Stadt",
                    "62",
                    "Stadtkreis",
                    "63",
                    "Stadt",
                    "64",
                    "Gemeinde",
                    "65",
                    "Gemeindefreies Gebiet, bewohnt",
                    "66",
                    "Gemeindefreies Gebiet, unbewohnt",
                    "67",
                    "Große Kreisstadt");

    /** Unincorporated areas: in the file, but not municipalities that could sign anything. */
    static final Set<String> UNINCORPORATED = Set.of("65", "66");

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> RECORD_TYPES = Set.of("10", "20", "30", "40", "50", "60");

    private Gv100adParser() {}

    static Gv100adFile parse(byte[] bytes) {
        return new Gv100adParser.Run().parse(decode(bytes));
    }

    /**
     * Destatis ships UTF-8 today; older files were Windows-1252, which is taken when the bytes are
     * not UTF-8.
     */
    static String decode(byte[] bytes) {
        try {
            String s =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException notUtf8) {
            CharBuffer chars = Charset.forName("windows-1252").decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        }
    }

    private static final class Run {
        private final List<LineError> errors = new ArrayList<>();
        private int errorCount;
        private final Map<String, Gv100adFile.Land> laender = new LinkedHashMap<>();
        private final Map<String, Gv100adFile.Kreis> kreise = new LinkedHashMap<>();
        private final Map<String, Gv100adFile.Verband> verbaende = new LinkedHashMap<>();
        private final Map<String, Gv100adFile.Gemeinde> gemeinden = new LinkedHashMap<>();
        private final Map<String, Integer> firstLine = new HashMap<>();

        /**
         * Keys of Land, Kreis and Verband records that had an error: what refers to them is not
         * reported again.
         */
        private final Set<String> broken = new HashSet<>();

        private LocalDate latest;
        // Nearly every record carries the same Gebietsstand: parse it once.
        private String lastDateText;
        private LocalDate lastDate;

        Gv100adFile parse(String text) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (!line.isBlank()) {
                    record(i + 1, line);
                }
            }
            if (gemeinden.isEmpty() && errorCount == 0) {
                error(LineError.of(0, "municipality.import.error.noMunicipalities"));
            }
            for (Gv100adFile.Gemeinde g : gemeinden.values()) {
                if (g.unincorporated()) {
                    continue;
                }
                if (broken.contains(g.landCode())
                        || broken.contains(g.kreisAgs())
                        || broken.contains(g.verbandArs())) {
                    continue;
                }
                if (!laender.containsKey(g.landCode())) {
                    error(
                            LineError.of(
                                    g.line(),
                                    "municipality.import.error.noLand",
                                    g.ags(),
                                    g.landCode()));
                } else if (!kreise.containsKey(g.kreisAgs())) {
                    error(
                            LineError.of(
                                    g.line(),
                                    "municipality.import.error.noKreis",
                                    g.ags(),
                                    g.kreisAgs()));
                } else if (!verbaende.containsKey(g.verbandArs())) {
                    error(
                            LineError.of(
                                    g.line(),
                                    "municipality.import.error.noVerband",
                                    g.ags(),
                                    g.verbandArs()));
                }
            }
            return new Gv100adFile(
                    latest,
                    List.copyOf(laender.values()),
                    List.copyOf(kreise.values()),
                    List.copyOf(verbaende.values()),
                    List.copyOf(gemeinden.values()),
                    List.copyOf(errors),
                    errorCount);
        }

        private void error(LineError e) {
            errorCount++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(e);
            }
        }

        private void record(int no, String raw) {
            if (raw.length() > RECORD_LENGTH) {
                error(
                        LineError.of(
                                no,
                                "municipality.import.error.length",
                                raw.length(),
                                RECORD_LENGTH));
                return;
            }
            // Trailing blanks may have been trimmed by an editor; the fields are still where they
            // were.
            String line = raw.length() < RECORD_LENGTH ? pad(raw) : raw;
            String type = line.substring(0, 2);
            if (!RECORD_TYPES.contains(type)) {
                error(LineError.of(no, "municipality.import.error.recordType", type.trim()));
                return;
            }
            String dateText = line.substring(2, 10);
            LocalDate stand;
            if (dateText.equals(lastDateText)) {
                stand = lastDate;
            } else {
                try {
                    stand = LocalDate.parse(dateText, DATE);
                } catch (DateTimeParseException e) {
                    error(LineError.of(no, "municipality.import.error.date", dateText.trim()));
                    return;
                }
                lastDateText = dateText;
                lastDate = stand;
            }
            if (latest == null || stand.isAfter(latest)) {
                latest = stand;
            }
            String name = line.substring(22, 72).trim();
            switch (type) {
                case "10" -> land(no, line, stand, name);
                case "40" -> kreis(no, line, stand, name);
                case "50" -> verband(no, line, stand, name);
                case "60" -> gemeinde(no, line, stand, name);
                default -> {
                    // Regierungsbezirk and Region are not kept; their keys must still be numbers.
                    if (!digits(line.substring(10, 13).trim())) {
                        error(
                                LineError.of(
                                        no,
                                        "municipality.import.error.key",
                                        line.substring(10, 18).trim()));
                    }
                }
            }
        }

        private void land(int no, String line, LocalDate stand, String name) {
            String code = line.substring(10, 12);
            int before = errorCount;
            if (!digits(code)) {
                error(
                        LineError.of(
                                no,
                                "municipality.import.error.key",
                                line.substring(10, 18).trim()));
            } else if (name.isEmpty()) {
                error(LineError.of(no, "municipality.import.error.name"));
            } else if (duplicate(no, "L" + code, code)) {
                return;
            } else {
                laender.put(
                        code,
                        new Gv100adFile.Land(
                                code, name, blankToNull(line.substring(72, 122)), stand));
            }
            if (errorCount > before) {
                broken.add(code);
            }
        }

        private void kreis(int no, String line, LocalDate stand, String name) {
            String ags = line.substring(10, 15);
            String typeCode = line.substring(122, 124);
            int before = errorCount;
            if (!digits(ags)) {
                error(
                        LineError.of(
                                no,
                                "municipality.import.error.key",
                                line.substring(10, 18).trim()));
            } else if (name.isEmpty()) {
                error(LineError.of(no, "municipality.import.error.name"));
            } else if (!KREIS_TYPES.containsKey(typeCode)) {
                error(LineError.of(no, "municipality.import.error.typeCode", typeCode.trim()));
            } else if (!duplicate(no, "K" + ags, ags)) {
                kreise.put(
                        ags,
                        new Gv100adFile.Kreis(
                                ags, name, blankToNull(line.substring(72, 122)), typeCode, stand));
            }
            if (errorCount > before) {
                broken.add(ags);
            }
        }

        private void verband(int no, String line, LocalDate stand, String name) {
            String ars = line.substring(10, 15) + line.substring(18, 22);
            String typeCode = line.substring(122, 124);
            int before = errorCount;
            if (!digits(ars)) {
                error(LineError.of(no, "municipality.import.error.key", ars.trim()));
            } else if (name.isEmpty()) {
                error(LineError.of(no, "municipality.import.error.name"));
            } else if (!VERBAND_TYPES.containsKey(typeCode)) {
                error(LineError.of(no, "municipality.import.error.typeCode", typeCode.trim()));
            } else if (!duplicate(no, "V" + ars, ars)) {
                verbaende.put(ars, new Gv100adFile.Verband(ars, name, typeCode, stand));
            }
            if (errorCount > before) {
                broken.add(ars);
            }
        }

        private void gemeinde(int no, String line, LocalDate stand, String name) {
            String ags = line.substring(10, 18);
            String ars = line.substring(10, 15) + line.substring(18, 22) + line.substring(15, 18);
            String typeCode = line.substring(122, 124);
            String area = line.substring(128, 139).trim();
            String population = line.substring(139, 150).trim();
            String postalCode = line.substring(165, 170).trim();
            if (!digits(ars)) {
                error(
                        LineError.of(
                                no,
                                "municipality.import.error.key",
                                (ags + " " + line.substring(18, 22)).trim()));
            } else if (name.isEmpty()) {
                error(LineError.of(no, "municipality.import.error.name"));
            } else if (!GEMEINDE_TYPES.containsKey(typeCode)) {
                error(LineError.of(no, "municipality.import.error.typeCode", typeCode.trim()));
            } else if (!digits(area)) {
                error(LineError.of(no, "municipality.import.error.area", area));
            } else if (!digits(population) || Long.parseLong(population) > Integer.MAX_VALUE) {
                error(LineError.of(no, "municipality.import.error.population", population));
            } else if (!postalCode.isEmpty() && (postalCode.length() != 5 || !digits(postalCode))) {
                error(LineError.of(no, "municipality.import.error.postalCode", postalCode));
            } else if (!duplicate(no, "G" + ags, ags)) {
                gemeinden.put(
                        ags,
                        new Gv100adFile.Gemeinde(
                                no,
                                ags,
                                ars,
                                name,
                                typeCode,
                                stand,
                                Long.parseLong(area),
                                Integer.parseInt(population),
                                postalCode.isEmpty() ? null : postalCode));
            }
        }

        private boolean duplicate(int no, String id, String key) {
            Integer first = firstLine.putIfAbsent(id, no);
            if (first != null) {
                error(LineError.of(no, "municipality.import.error.duplicate", key, first));
                return true;
            }
            return false;
        }
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    private static String pad(String s) {
        StringBuilder b = new StringBuilder(RECORD_LENGTH).append(s);
        while (b.length() < RECORD_LENGTH) {
            b.append(' ');
        }
        return b.toString();
    }

    /**
     * "Flensburg, Stadt" → "Flensburg": the official name up to the first comma, which starts the
     * suffix.
     */
    static String displayName(String officialName) {
        int comma = officialName.indexOf(',');
        String base = comma > 0 ? officialName.substring(0, comma) : officialName;
        return base.trim().replaceAll("\\s+", " ");
    }

    /**
     * "Dithmarschen" (Kreis) → "Kreis Dithmarschen"; names that already say what they are stay as
     * they are.
     */
    static String kreisDisplayName(String officialName, String typeCode) {
        String name = displayName(officialName);
        String lower = name.toLowerCase(Locale.GERMAN);
        if ((typeCode.equals("43") || typeCode.equals("44"))
                && !lower.contains("kreis")
                && !lower.contains("region")) {
            return KREIS_TYPES.get(typeCode) + " " + name;
        }
        return name;
    }
}
