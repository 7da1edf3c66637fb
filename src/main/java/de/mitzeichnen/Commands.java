package de.mitzeichnen;

import de.mitzeichnen.municipality.MunicipalityCommands;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Operator commands run instead of the server: {@code java -jar mitzeichnen.jar COMMAND ARGS}. They
 * start the application context (database, migrations) without the HTTP server, do their work,
 * print a report and end with 0 (done) or 1 (rejected, nothing changed).
 */
public final class Commands {

    static final Set<String> NAMES = Set.of("import-municipalities", "import-domains");

    private Commands() {}

    public static boolean isCommand(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    public static int run(String[] args, PrintStream out) {
        // Operators read German unless their system speaks English.
        Locale locale =
                Locale.getDefault().getLanguage().equals("en") ? Locale.ENGLISH : Locale.GERMAN;
        // The context (and its message source) is not there yet: read the bundle directly.
        ResourceBundle texts = ResourceBundle.getBundle("i18n.messages", locale);
        if (args.length != 2) {
            out.println(texts.getString("municipality.cli.usage"));
            return 1;
        }
        Path file = Path.of(args[1]);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            out.println(texts.getString("municipality.cli.noFile").replace("{0}", file.toString()));
            return 1;
        }
        // No shipped-register load first: the command's own file decides what is imported.
        try (ApplicationContext context =
                ApplicationContext.builder(Application.class)
                        .properties(Map.of("mitzeichnen.municipality.autoload", false))
                        .start()) {
            MunicipalityCommands commands = context.getBean(MunicipalityCommands.class);
            return switch (args[0]) {
                case "import-municipalities" -> commands.importMunicipalities(file, locale, out);
                case "import-domains" -> commands.importDomains(file, locale, out);
                default -> 1;
            };
        }
    }
}
