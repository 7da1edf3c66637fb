import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for flows that need state (bench/run.sh), run as a second process: {@code java
 * bench/Load.java}.
 *
 * <pre>
 *   sign  BASE SLUG CONNECTIONS SECONDS   each connection: GET the appeal page as a browser would, take the form's
 *                                         csrfToken, POST the sign form (a new address each time); closed loop
 *   get   BASE PATH RATE SECONDS          open loop at a fixed rate (requests/s), latency from the planned send time
 *   confirm BASE LINKS CONNECTIONS SECONDS  each connection takes the next confirmation link (a file, one path
 *                                         /bestaetigen/TOKEN per line): GET it, POST its form; until the links or
 *                                         the time run out
 * </pre>
 *
 * Prints one line: {@code ok=N errors=N seconds=S rate=R p50_ms=X p99_ms=Y}.
 */
public class Load {

    static final Pattern CSRF =
            Pattern.compile(
                    "name=\"csrfToken\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"csrfToken\"");

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String base = args[1].replaceAll("/$", "");
        HttpClient http =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime();
        double seconds;
        if (mode.equals("sign")) {
            String slug = args[2];
            int connections = Integer.parseInt(args[3]);
            long end = started + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            for (int c = 0; c < connections; c++) {
                pool.execute(
                        () -> {
                            while (System.nanoTime() < end) {
                                long t0 = System.nanoTime();
                                try {
                                    if (signOnce(http, base, slug)) {
                                        ok.incrementAndGet();
                                        latencies.add(System.nanoTime() - t0);
                                    } else {
                                        errors.incrementAndGet();
                                    }
                                } catch (Exception e) {
                                    errors.incrementAndGet();
                                }
                            }
                        });
            }
            pool.shutdown();
            pool.awaitTermination(Long.parseLong(args[4]) + 30, TimeUnit.SECONDS);
        } else if (mode.equals("get")) {
            String path = args[2];
            int rate = Integer.parseInt(args[3]);
            long total = (long) rate * Long.parseLong(args[4]);
            ExecutorService pool = Executors.newFixedThreadPool(64);
            long interval = 1_000_000_000L / rate;
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(10))
                            .build();
            for (long i = 0; i < total; i++) {
                long planned = started + i * interval;
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                pool.execute(
                        () -> {
                            try {
                                HttpResponse<byte[]> r =
                                        http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                if (r.statusCode() == 200) {
                                    ok.incrementAndGet();
                                    // from the planned send time: a stalled server does not hide
                                    // its queue (coordinated omission)
                                    latencies.add(System.nanoTime() - planned);
                                } else {
                                    errors.incrementAndGet();
                                }
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                        });
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } else if (mode.equals("confirm")) {
            List<String> links = Files.readAllLines(Path.of(args[2]));
            int connections = Integer.parseInt(args[3]);
            long end = started + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            for (int c = 0; c < connections; c++) {
                pool.execute(
                        () -> {
                            int i;
                            while (System.nanoTime() < end
                                    && (i = next.getAndIncrement()) < links.size()) {
                                long t0 = System.nanoTime();
                                try {
                                    if (confirmOnce(http, base, links.get(i).trim())) {
                                        ok.incrementAndGet();
                                        latencies.add(System.nanoTime() - t0);
                                    } else {
                                        errors.incrementAndGet();
                                    }
                                } catch (Exception e) {
                                    errors.incrementAndGet();
                                }
                            }
                        });
            }
            pool.shutdown();
            pool.awaitTermination(Long.parseLong(args[4]) + 30, TimeUnit.SECONDS);
        } else {
            throw new IllegalArgumentException("mode: sign, get or confirm");
        }
        seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "ok=%d errors=%d seconds=%.1f rate=%.1f p50_ms=%.1f p99_ms=%.1f%n",
                ok.get(),
                errors.get(),
                seconds,
                ok.get() / seconds,
                pct(sorted, 0.50),
                pct(sorted, 0.99));
    }

    static boolean signOnce(HttpClient http, String base, String slug) throws Exception {
        HttpResponse<String> page =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/aufrufe/" + slug))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            return false;
        }
        // the public sign form carries no per-visitor token any more; older builds' forms do
        Matcher m = CSRF.matcher(page.body());
        String token = !m.find() ? null : m.group(1) != null ? m.group(1) : m.group(2);
        String email = "bench-" + UUID.randomUUID() + "@rathaus.example";
        String form =
                "name="
                        + enc("Erika Mustermann")
                        + "&role=MAYOR&body=&municipality=06412000&country=DE"
                        + "&email="
                        + enc(email)
                        + "&privacy=on"
                        + (token == null ? "" : "&csrfToken=" + enc(token.replace("&amp;", "&")));
        HttpRequest.Builder post =
                HttpRequest.newBuilder(URI.create(base + "/aufrufe/" + slug + "/unterzeichnen"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString(form));
        page.headers()
                .allValues("set-cookie")
                .forEach(c -> post.header("Cookie", c.split(";", 2)[0]));
        HttpResponse<Void> r = http.send(post.build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 303;
    }

    static boolean confirmOnce(HttpClient http, String base, String path) throws Exception {
        HttpResponse<String> page =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            return false;
        }
        Matcher m = CSRF.matcher(page.body());
        String form =
                m.find()
                        ? "csrfToken="
                                + enc(
                                        (m.group(1) != null ? m.group(1) : m.group(2))
                                                .replace("&amp;", "&"))
                        : "";
        HttpRequest.Builder post =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString(form));
        page.headers()
                .allValues("set-cookie")
                .forEach(c -> post.header("Cookie", c.split(";", 2)[0]));
        HttpResponse<String> r = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
