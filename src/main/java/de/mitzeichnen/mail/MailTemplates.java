package de.mitzeichnen.mail;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.views.ViewsConfiguration;
import io.micronaut.views.thymeleaf.MessageSourceMessageResolver;
import io.micronaut.views.thymeleaf.ThymeleafViewsRendererConfiguration;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail from the templates in {@code templates/mail/}: {@code NAME.html} (Thymeleaf HTML
 * mode, usually through the shared {@code mail/layout}) and {@code NAME.txt} (Thymeleaf TEXT mode,
 * {@code [(${...})]}), in the recipient's language with the message bundles ({@code #{mail....}}).
 *
 * <p>It has its own two engines rather than the views engine: that one is HTML-only and tied to
 * requests, and a second {@link TemplateEngine} bean would make the views renderer's injection
 * ambiguous.
 */
@Singleton
public class MailTemplates {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*");

    private final TemplateEngine html;
    private final TemplateEngine text;
    private final String imprintLink;
    private final String privacyLink;

    MailTemplates(
            ViewsConfiguration views,
            ThymeleafViewsRendererConfiguration thymeleaf,
            MessageSourceMessageResolver messages,
            MitzeichnenConfig config) {
        this.imprintLink =
                config.getImprintUrl().isEmpty()
                        ? config.getBaseUrl() + "/impressum"
                        : config.getImprintUrl();
        this.privacyLink =
                config.getPrivacyUrl().isEmpty()
                        ? config.getBaseUrl() + "/datenschutz"
                        : config.getPrivacyUrl();
        String prefix = views.getFolder().replaceAll("^/+|/+$", "") + "/";
        this.html = engine(prefix, ".html", TemplateMode.HTML, thymeleaf, messages);
        this.text = engine(prefix, ".txt", TemplateMode.TEXT, thymeleaf, messages);
    }

    public record Rendered(String text, String html) {}

    /**
     * @param name the template below {@code templates/mail/} without extension, e.g. {@code
     *     signature-confirm}
     * @param locale the recipient's language
     * @param model the variables the template names
     */
    public Rendered render(String name, Locale locale, Map<String, Object> model) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid mail template name: " + name);
        }
        String template = "mail/" + name;
        // every mail ends with the imprint and the privacy notice; mails about no appeal have no
        // organiser
        Map<String, Object> all = new HashMap<>(model);
        all.putIfAbsent("imprintLink", imprintLink);
        all.putIfAbsent("privacyLink", privacyLink);
        all.putIfAbsent("organiserName", null);
        all.putIfAbsent("appealTitle", null);
        all.putIfAbsent("allianceName", null);
        Context context = new Context(locale, all);
        return new Rendered(tidy(text.process(template, context)), html.process(template, context));
    }

    /**
     * TEXT-mode blocks leave blank lines and trailing blanks behind; a mail reads better without.
     * The signature separator keeps its conventional trailing blank ("-- ").
     */
    static String tidy(String text) {
        String t = TRAILING_BLANKS.matcher(text.replace("\r\n", "\n")).replaceAll("");
        t = BLANK_LINES.matcher(t).replaceAll("\n\n").strip();
        return SIGNATURE_SEPARATOR.matcher(t).replaceAll("-- ") + "\n";
    }

    private static final Pattern TRAILING_BLANKS = Pattern.compile("(?m)[ \\t]+$");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    private static final Pattern SIGNATURE_SEPARATOR = Pattern.compile("(?m)^--$");

    private static TemplateEngine engine(
            String prefix,
            String suffix,
            TemplateMode mode,
            ThymeleafViewsRendererConfiguration config,
            MessageSourceMessageResolver messages) {
        ClassLoaderTemplateResolver resolver =
                new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix(prefix);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setForceTemplateMode(true);
        resolver.setCharacterEncoding(config.getCharacterEncoding());
        resolver.setCacheable(config.getCacheable());
        resolver.setCheckExistence(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.addMessageResolver(messages);
        return engine;
    }
}
