package de.mitzeichnen.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document as served at {@code /api/openapi.yml} passes a linter: swagger-parser's
 * validation of the OpenAPI 3.0 structure, and the rules of Redocly's „recommended" set that a
 * generated document can break (the ones {@code @redocly/cli lint} 2.77.0 reported before):
 * servers, security on every operation, summary, operationId, a 4XX answer, declared and described
 * tags, {@code nullable} only beside {@code type}, no unused components, a licence with a URL.
 *
 * <p>In Java rather than running Redocly through npx: the build needs no Node.js and no download at
 * test time, so it passes on a clean machine and offline.
 */
@MicronautTest
class OpenApiLintTest {

    @Inject EmbeddedServer server;

    @Test
    void theOpenApiDocumentPassesTheLinter() {
        Web.Page served = new Web(URI.create(server.getURL().toString())).get("/api/openapi.yml");
        assertEquals(200, served.status(), served.body());
        String yaml = served.body();
        List<String> problems = new ArrayList<>();

        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
        problems.addAll(parsed.getMessages());
        OpenAPI api = parsed.getOpenAPI();
        if (api == null) {
            throw new AssertionError("not an OpenAPI document: " + problems);
        }

        // info: a description and a licence with a URL
        if (api.getInfo().getDescription() == null) {
            problems.add("info has no description");
        }
        if (api.getInfo().getLicense() == null || api.getInfo().getLicense().getUrl() == null) {
            problems.add("info.license has no url");
        }
        // servers: at least one, not example.com or localhost, no trailing slash
        if (api.getServers() == null || api.getServers().isEmpty()) {
            problems.add("no servers");
        } else {
            for (Server s : api.getServers()) {
                if (s.getUrl().matches("^(.*[/.])?(example\\.com|localhost)([/:?].*|$)")) {
                    problems.add("server points to example.com or localhost: " + s.getUrl());
                }
                if (s.getUrl().endsWith("/") && !s.getUrl().equals("/")) {
                    problems.add("server url with a trailing slash: " + s.getUrl());
                }
            }
        }
        Set<String> declaredTags = new HashSet<>();
        for (Tag t : api.getTags() == null ? List.<Tag>of() : api.getTags()) {
            declaredTags.add(t.getName());
            if (t.getDescription() == null || t.getDescription().isBlank()) {
                problems.add("tag without description: " + t.getName());
            }
        }
        Set<String> operationIds = new HashSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                problems.add(
                        path.getKey()
                                + ": a page, not the open API (name its package in"
                                + " OpenApiDefinition)");
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> e :
                    path.getValue().readOperationsMap().entrySet()) {
                String where = e.getKey() + " " + path.getKey();
                Operation op = e.getValue();
                if (op.getSummary() == null || op.getSummary().isBlank()) {
                    problems.add(where + ": no summary");
                }
                if (op.getOperationId() == null || !operationIds.add(op.getOperationId())) {
                    problems.add(where + ": no unique operationId");
                }
                if (op.getSecurity() == null && api.getSecurity() == null) {
                    problems.add(where + ": no security, neither here nor at the root");
                }
                if (op.getResponses().keySet().stream().noneMatch(c -> c.matches("4(\\d\\d|XX)"))) {
                    problems.add(where + ": no 4XX response");
                }
                if (op.getResponses().keySet().stream().noneMatch(c -> c.matches("2(\\d\\d|XX)"))) {
                    problems.add(where + ": no 2XX response");
                }
                for (String tag : op.getTags() == null ? List.<String>of() : op.getTags()) {
                    if (!declaredTags.contains(tag)) {
                        problems.add(where + ": tag not declared at the root: " + tag);
                    }
                }
            }
        }

        // nullable only beside type (OpenAPI 3.0), checked on the raw document
        Object tree = new Yaml().load(yaml);
        nullableWithoutType(tree, "#", problems);
        // every component is used
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            Set<String> referenced = new HashSet<>();
            Matcher ref = Pattern.compile("#/components/schemas/([^\"'\\s]+)").matcher(yaml);
            while (ref.find()) {
                referenced.add(ref.group(1));
            }
            for (String name : api.getComponents().getSchemas().keySet()) {
                if (!referenced.contains(name)) {
                    problems.add("unused component: #/components/schemas/" + name);
                }
            }
        }

        assertEquals(List.of(), problems, yaml);
    }

    @SuppressWarnings("unchecked")
    static void nullableWithoutType(Object node, String at, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            if (Boolean.TRUE.equals(map.get("nullable")) && !map.containsKey("type")) {
                problems.add(at + ": nullable without type");
            }
            for (Map.Entry<?, ?> e : ((Map<Object, Object>) map).entrySet()) {
                nullableWithoutType(e.getValue(), at + "/" + e.getKey(), problems);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                nullableWithoutType(list.get(i), at + "/" + i, problems);
            }
        }
    }
}
